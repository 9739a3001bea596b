/** Titles with real ISBNs (978-0-306-…), so check digits and registration ranges hold. */

/** Digits of an ISBN-13 from its first twelve. */
const withCheckDigit13 = (twelve: string) =>
  `${twelve}${(10 - ([...twelve].reduce((sum, digit, i) => sum + Number(digit) * (i % 2 === 0 ? 1 : 3), 0) % 10)) % 10}`;

/** The n-th title of the range (978-0-306-nnnnn-c), as ISBN-13 digits. */
export const isbnNo = (n: number) => withCheckDigit13(`9780306${String(n).padStart(5, '0')}`);

/** A distinct title per call, counting from `first`: each spec counts in a block of its own, so no two specs claim the same title. */
export const isbnsFrom = (first: number) => {
  let next = first;
  return () => isbnNo(next++);
};

/** The same title written as an ISBN-10. */
export const asIsbn10 = (isbn13: string) => {
  const nine = isbn13.slice(3, 12);
  const check = (11 - ([...nine].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0) % 11)) % 11;
  return `${nine}${check === 10 ? 'X' : check}`;
};

export const hyphenated = (isbn13: string) => `${isbn13.slice(0, 3)}-${isbn13[3]}-${isbn13.slice(4, 7)}-${isbn13.slice(7, 12)}-${isbn13[12]}`;
