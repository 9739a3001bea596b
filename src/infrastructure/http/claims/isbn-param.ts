import type { PipeTransform } from '@nestjs/common';
import { isIsbn, toIsbn13 } from '../../../domain/shared/isbn';
import { BadInput } from '../problem/problem';

/** A title in the path, in any ISBN form, as its ISBN-13; refused naming `isbn` when it is not one. */
export const IsbnParam: PipeTransform<string, string> = {
  transform: (value) => {
    if (!isIsbn(value)) {
      throw new BadInput([{ field: 'isbn', message: 'isbn must be a valid ISBN-10 or ISBN-13 (check digit included), e.g. 978-0-306-40615-7' }]);
    }
    return toIsbn13(value, 'isbn');
  },
};
