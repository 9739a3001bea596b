import { InvalidValue } from '../shared/errors';

/**
 * A subject a member collects in the division of labour, in Dewey Decimal
 * Classification notation. Accepted forms and what each covers:
 *
 * | subject          | covers                                   | e.g.                      |
 * |------------------|------------------------------------------|---------------------------|
 * | `d`              | the main class d00–d99                   | `5` covers 500–599.999…   |
 * | `dd`             | the division dd0–dd9                     | `78` covers 780–789.999…  |
 * | `d00`            | the main class, as DDC writes it         | `500` is the same as `5`  |
 * | `dd0`            | the division, as DDC writes it           | `510` is the same as `51` |
 * | `ddd`            | that section and all its decimals        | `512` covers 512, 512.74  |
 * | `ddd.d…`         | that number and every longer one under it | `512.7` covers 512.74     |
 * | `ddd-ddd`        | every section in the range, inclusive    | `780-789` covers 780–789.999… |
 *
 * So `000` is the whole main class 000–099 and `010` the division 010–019.
 * A title's DDC number must be written with at least three digits (`512`,
 * `512.74`); anything else is covered by no subject.
 */
export type Subject = string;

const SECTION = /^\d{1,3}$/;
const DECIMAL = /^\d{3}\.\d+$/;
const RANGE = /^(\d{3})-(\d{3})$/;
const DDC_NUMBER = /^\d{3}(\.\d+)?$/;

export const isSubject = (value: unknown): value is Subject => {
  if (typeof value !== 'string') return false;
  const range = RANGE.exec(value);
  if (range !== null) return range[1] <= range[2];
  return SECTION.test(value) || DECIMAL.test(value);
};

/** The leading digits a DDC number must start with to fall under a non-range subject. */
const stem = (subject: Subject): string => {
  if (subject.length !== 3) return subject;
  if (subject.endsWith('00')) return subject.slice(0, 1);
  if (subject.endsWith('0')) return subject.slice(0, 2);
  return subject;
};

const covers = (subject: Subject, ddc: string): boolean => {
  const range = RANGE.exec(subject);
  if (range !== null) {
    const section = ddc.slice(0, 3);
    return range[1] <= section && section <= range[2];
  }
  if (DECIMAL.test(subject)) return ddc.startsWith(subject);
  return SECTION.test(subject) && ddc.startsWith(stem(subject));
};

/** Whether any of a member's subjects covers a title's DDC number (see `Subject` for the notation). */
export const subjectCovers = (subjects: readonly string[], ddc: string): boolean => {
  const number = typeof ddc === 'string' ? ddc.trim() : '';
  if (!DDC_NUMBER.test(number)) return false;
  return subjects.some((subject) => covers(subject.trim(), number));
};

/** A member's subjects, trimmed, each once, in the order given. */
export const validateSubjects = (subjects: unknown, field: string): Subject[] => {
  if (!Array.isArray(subjects)) throw new InvalidValue(field, `${field} must be a list of DDC classes or ranges`);
  const seen = new Set<Subject>();
  subjects.forEach((subject: unknown, index) => {
    const value = typeof subject === 'string' ? subject.trim() : subject;
    if (!isSubject(value)) {
      throw new InvalidValue(`${field}[${index}]`, `${field}[${index}] must be a DDC class such as "5", "510", "512.7" or a range such as "780-789"`);
    }
    seen.add(value);
  });
  return [...seen];
};
