/** sprig hashing and identifier functions. */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { def, type FuncTable } from '../funcs.ts';

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}

const hash = (alg: string) => (s: string): string => createHash(alg).update(s, 'utf8').digest('hex');

export const cryptoFuncs: FuncTable = {
  sha1sum: def(['string'], hash('sha1')),
  sha256sum: def(['string'], hash('sha256')),
  sha512sum: def(['string'], hash('sha512')),
  adler32sum: def(['string'], (s: string) => String(adler32(s))),
  uuidv4: def([], () => randomUUID()),
  randBytes: def(['int'], (n: bigint) => randomBytes(Number(n)).toString('base64')),
  // rand.Intn panics unless max > min.
  randInt: def(['int', 'int'], (min: bigint, max: bigint) => {
    if (max <= min) throw new Error('invalid argument to Intn');
    return min + BigInt(randomInt(Number(max - min)));
  }),
};
