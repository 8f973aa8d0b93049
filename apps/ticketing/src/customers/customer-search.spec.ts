import { foldForSearch, prefixQuery, searchText } from './customer-search';

describe('customer search folding (Turkish-aware)', () => {
  it.each([
    ['ISIK', 'isik'],
    ['Işık', 'isik'],
    ['ışık', 'isik'],
    ['İstanbul', 'istanbul'],
    ['istanbul', 'istanbul'],
    ['ŞEKERCİ Çağlar Göğüş Ünlü Öz', 'sekerci caglar gogus unlu oz'],
    ['Élodie Müller', 'elodie muller'],
    ['INGRID', 'ingrid'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('builds the searchable document from every text field and the custom values', () => {
    expect(searchText({ name: 'Ayşe Yılmaz', email: 'ayse@ornek.com.tr', company: 'Işık A.Ş.', notes: 'Teslimat günü değişti', customFields: { sehir: 'İzmir', no: 'A-1042' } }))
      .toBe('ayse yilmaz ayse ornek com tr isik a s teslimat gunu degisti izmir a 1042');
  });

  it('asks for every word as a prefix, and nothing for a query without words', () => {
    expect(prefixQuery('  Ayş YIL ')).toBe('ays:* & yil:*');
    expect(prefixQuery("x' | !y")).toBe('x:* & y:*');
    expect(prefixQuery(' -- ')).toBeNull();
  });
});
