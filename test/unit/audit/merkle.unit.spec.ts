import { createHash } from 'node:crypto';
import { EMPTY_TREE, inclusionProof, leafHash, merkleRoot, nodeHash, rootFromInclusionProof } from '../../../src/application/audit/merkle';

const sha256 = (...parts: Buffer[]) => parts.reduce((h, part) => h.update(part), createHash('sha256')).digest();

/** RFC 9162 §2.1.1, word for word: MTH({}) = SHA-256(), MTH({d0}) = SHA-256(0x00 || d0), else split at the largest power of two below n. */
const mth = (d: readonly Buffer[]): Buffer => {
  if (d.length === 0) return sha256();
  if (d.length === 1) return sha256(Buffer.from([0]), d[0]);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha256(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
};

/** RFC 9162 §2.1.3.1: PATH(m, D[n]). */
const path = (m: number, d: readonly Buffer[]): Buffer[] => {
  if (d.length === 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
};

const leaves = (n: number) => Array.from({ length: n }, (_, i) => sha256(Buffer.from(`event ${i}`)));

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with their domain-separation prefixes', () => {
    const [a, b] = leaves(2);
    expect(leafHash(a)).toEqual(sha256(Buffer.from([0]), a));
    expect(nodeHash(a, b)).toEqual(sha256(Buffer.from([1]), a, b));
    expect(merkleRoot([])).toEqual(EMPTY_TREE);
    expect(EMPTY_TREE.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it.each(Array.from({ length: 33 }, (_, i) => i + 1))('builds the root of the recursive definition for %i leaves', (n) => {
    expect(merkleRoot(leaves(n)).toString('hex')).toBe(mth(leaves(n)).toString('hex'));
  });

  it.each(Array.from({ length: 33 }, (_, i) => i + 1))('gives and checks the audit path of every leaf of a tree of %i', (n) => {
    const d = leaves(n);
    const root = mth(d);
    for (let m = 0; m < n; m += 1) {
      const proof = inclusionProof(d, m);
      expect(proof.map((h) => h.toString('hex'))).toEqual(path(m, d).map((h) => h.toString('hex')));
      expect(rootFromInclusionProof(m, n, d[m], proof)).toEqual(root);
    }
  });

  it('refuses a path for another leaf, another index, another size or with a hash changed', () => {
    const d = leaves(13);
    const root = mth(d);
    const proof = inclusionProof(d, 5);
    expect(rootFromInclusionProof(5, 13, d[6], proof)).not.toEqual(root);
    expect(rootFromInclusionProof(4, 13, d[5], proof)).not.toEqual(root);
    expect(rootFromInclusionProof(5, 6, d[5], proof)).toBeNull();
    expect(rootFromInclusionProof(5, 13, d[5], [...proof.slice(0, 1), leafHash(d[0]), ...proof.slice(2)])).not.toEqual(root);
    expect(rootFromInclusionProof(5, 13, d[5], [...proof, proof[0]])).toBeNull();
    expect(rootFromInclusionProof(13, 13, d[5], proof)).toBeNull();
  });
});
