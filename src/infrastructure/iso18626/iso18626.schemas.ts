import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLValidationError } from 'xmllint-wasm';
import { Iso18626Refusal, type Iso18626ErrorType, type Iso18626Version } from '../../domain/iso18626';

/** The XSD of each version, as kept beside this file (see xsd/README.md). */
export const XSD_FILES: Readonly<Record<Iso18626Version, string>> = {
  '1.2': 'ISO-18626-v1_2.xsd',
  '2021-2': 'ISO-18626-2021-2.xsd',
};

const schemas = new Map<Iso18626Version, string>();
const schemaOf = (version: Iso18626Version): string => {
  let text = schemas.get(version);
  if (text === undefined) schemas.set(version, (text = readFileSync(join(__dirname, 'xsd', XSD_FILES[version]), 'utf8')));
  return text;
};

/** What xmllint said, without the namespace that every element name repeats. */
const plain = (error: XMLValidationError): string =>
  error.message.replace(/\{http:\/\/illtransactions\.org\/2013\/iso18626\}/g, '').replace(/^Schemas validity error : /, '').trim();

/** The standard's error type closest to what the schema refused. */
export const errorTypeOf = (message: string): Iso18626ErrorType => {
  if (/^Element 'action': \[facet 'enumeration'\]/.test(message)) return 'UnsupportedActionType';
  if (/^Element 'reasonForMessage': \[facet 'enumeration'\]/.test(message)) return 'UnsupportedReasonForMessageType';
  if (/This element is not expected/.test(message) && !/Missing child/.test(message)) return 'UnrecognisedDataElement';
  if (/\[facet '|is not a valid value|is not accepted by the pattern/.test(message)) return 'UnrecognisedDataValue';
  return 'BadlyFormedMessage';
};

/** The schema's findings on a message: none when it is valid. */
export const schemaErrors = async (xml: string, version: Iso18626Version): Promise<string[]> => {
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: XSD_FILES[version], contents: schemaOf(version) }],
  });
  return result.valid ? [] : result.errors.map(plain).filter((message) => message !== '');
};

/** Refuses a message its version's XSD does not accept, with the first finding as the error value. */
export const assertSchemaValid = async (xml: string, version: Iso18626Version): Promise<void> => {
  const errors = await schemaErrors(xml, version);
  if (errors.length === 0) return;
  throw new Iso18626Refusal(errorTypeOf(errors[0]), `not valid against the ISO 18626 ${version} schema: ${errors.slice(0, 3).join('; ')}`);
};
