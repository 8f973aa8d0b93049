import { SantralApiError } from '@santral/api-client';
import { GatewayUnreachableError, transient } from './run-demo';

describe('reading the live progress', () => {
  const failing = (errors: unknown[], value = 'ok') => {
    let calls = 0;
    const read = jest.fn(async () => {
      const e = errors[calls++];
      if (e) throw e;
      return value;
    });
    return read;
  };

  it('tries again after a 5xx or a gateway that did not answer, telling why each time', async () => {
    const retries: string[] = [];
    const read = failing([new SantralApiError('/v1/campaigns/x/progress', 500, { code: 'INTERNAL' }), new GatewayUnreachableError('http://gw', new Error('timeout'))]);
    await expect(transient(read, (why) => retries.push(why), undefined, 1)).resolves.toBe('ok');
    expect(read).toHaveBeenCalledTimes(3);
    expect(retries).toEqual([expect.stringMatching(/^\/v1\/campaigns\/x\/progress: 500 INTERNAL; trying again \(1\/5\)$/), expect.stringMatching(/does not answer at http:\/\/gw .*\(2\/5\)$/)]);
  });

  it('gives up after the last try, and at once on a 4xx or any other error', async () => {
    const down = new SantralApiError('/p', 503, undefined);
    const always = failing(Array(10).fill(down));
    await expect(transient(always, () => undefined, undefined, 1)).rejects.toBe(down);
    expect(always).toHaveBeenCalledTimes(6);
    const gone = new SantralApiError('/p', 404, { code: 'NOT_FOUND' });
    const once = failing([gone]);
    await expect(transient(once, () => undefined, undefined, 1)).rejects.toBe(gone);
    expect(once).toHaveBeenCalledTimes(1);
    const bug = failing([new TypeError('x is undefined')]);
    await expect(transient(bug, () => undefined, undefined, 1)).rejects.toThrow(TypeError);
  });
});
