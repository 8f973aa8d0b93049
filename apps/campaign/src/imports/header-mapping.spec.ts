import { DomainError } from '@santral/contracts';
import { foldHeader, mapHeader } from './header-mapping';

describe('header mapping', () => {
  it.each([
    ['Telefon', 'telefon'],
    ['TELEFON NUMARASI', 'telefon_numarasi'],
    ['İSİM', 'isim'],
    ['Adı Soyadı', 'adi_soyadi'],
    ['Cep Telefonu', 'cep_telefonu'],
    ['ŞEHİR', 'sehir'],
    ['Saat Dilimi', 'saat_dilimi'],
    ['Số điện thoại', 'so_dien_thoai'],
    ['  phone-number ', 'phone_number'],
    ['GSM No.', 'gsm_no'],
  ])('folds %j to %j (case, diacritics, Turkish İ/ı)', (header, folded) => {
    expect(foldHeader(header)).toBe(folded);
  });

  it.each([
    [['Ad Soyad', 'Cep', 'Şehir'], { phone: 1, name: 0, timeZone: null }],
    [['isim', 'GSM'], { phone: 1, name: 0, timeZone: null }],
    [['NUMARA', 'İsim', 'saat dilimi'], { phone: 0, name: 1, timeZone: 2 }],
    [['phone_number', 'name', 'timezone'], { phone: 0, name: 1, timeZone: 2 }],
    [['Tel', 'Ad'], { phone: 0, name: 1, timeZone: null }],
    [['Số điện thoại', 'Họ tên'], { phone: 0, name: 1, timeZone: null }],
  ])('guesses the columns of %j', (header, expected) => {
    expect(mapHeader(header)).toMatchObject(expected);
  });

  it('keeps the other columns as variables under their folded name (a digit first gets a `_`)', () => {
    expect(mapHeader(['Telefon', 'Şehir', '2. Adres', '', 'Şehir']).variables).toEqual([
      { index: 1, key: 'sehir' },
      { index: 2, key: '_2_adres' },
    ]);
  });

  it('takes an explicit mapping over the guess: exact header, then folded', () => {
    const m = mapHeader(['Tel', 'Ev Telefonu', 'Müşteri', 'Not'], { phone: 'Ev Telefonu', name: 'MÜŞTERİ', variables: ['not'] });
    expect(m).toEqual({ phone: 1, name: 2, timeZone: null, variables: [{ index: 3, key: 'not' }] });
  });

  it('fails with IMPORT_NO_PHONE_COLUMN without a phone column, and IMPORT_MAPPING_INVALID for a mapping naming a missing column', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DomainError).code;
      }
      return 'no error';
    };
    expect(code(() => mapHeader(['Ad', 'Şehir']))).toBe('IMPORT_NO_PHONE_COLUMN');
    expect(code(() => mapHeader([]))).toBe('IMPORT_NO_PHONE_COLUMN');
    expect(code(() => mapHeader(['Telefon'], { name: 'Ad' }))).toBe('IMPORT_MAPPING_INVALID');
    expect(code(() => mapHeader(['Telefon'], { phone: 'Faks' }))).toBe('IMPORT_MAPPING_INVALID');
  });
});
