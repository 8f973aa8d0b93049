import { getSha256Backend } from '@nats-io/obj';
import { objectStores } from './object-stores';

describe('objectStores', () => {
  const connection = { options: {} } as never;

  it('hashes with node:crypto when asked (every real process), and keeps the JS hash inside Jest, whose sandbox refuses the dynamic import', () => {
    objectStores(connection, 'native');
    expect(getSha256Backend()).toBe('native');
    objectStores(connection);
    expect(getSha256Backend()).toBe('js');
  });
});
