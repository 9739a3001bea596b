import { InvalidValue } from '../shared/errors';
import { optional, requireList, requireText } from '../shared/input';
import { toIsbn13, type Isbn13 } from '../shared/isbn';
import { validateMoney, type Money } from '../shared/money';

/**
 * A publication offered or requested. Pages and price are recorded for the
 * librarians' sake only: an exchange is one for one whatever they are.
 */
export type ExchangeItem = Readonly<{
  title: string;
  /** Normalised to ISBN-13 when given. */
  isbn?: Isbn13;
  author?: string;
  publisher?: string;
  year?: number;
  pages?: number;
  price?: Money;
  note?: string;
}>;

/** As a library writes it: any ISBN form. */
export type ExchangeItemInput = Readonly<Omit<ExchangeItem, 'isbn'> & { isbn?: string }>;

/** Enough for any real swap, and keeps one event a reasonable size. */
export const MAX_EXCHANGE_ITEMS = 1000;

const item = (input: ExchangeItemInput, field: string): ExchangeItem => {
  if (typeof input !== 'object' || input === null) throw new InvalidValue(field, `${field} must be an item with a title`);
  const { isbn, author, publisher, year, pages, price, note } = input;
  const title = requireText(input.title, `${field}.title`);
  if (pages !== undefined && (!Number.isInteger(pages) || pages < 1)) {
    throw new InvalidValue(`${field}.pages`, `${field}.pages must be a whole number of at least 1`);
  }
  if (price !== undefined) validateMoney(price, `${field}.price`);
  return {
    title,
    ...optional('isbn', isbn === undefined ? undefined : toIsbn13(isbn, `${field}.isbn`)),
    ...optional('author', author),
    ...optional('publisher', publisher),
    ...optional('year', year),
    ...optional('pages', pages),
    ...optional('price', price),
    ...optional('note', note),
  };
};

/** One side of an exchange: 1 to MAX_EXCHANGE_ITEMS items, each with a title, ISBNs normalised. */
export const exchangeItems = (inputs: readonly ExchangeItemInput[], field: string): ExchangeItem[] =>
  requireList<ExchangeItemInput>(inputs, 1, MAX_EXCHANGE_ITEMS, field).map((input, index) => item(input, `${field}[${index}]`));
