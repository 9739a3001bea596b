import type { Partner } from './api';

/** What the user picked, shared by every view. `asOf` undefined means now. */
export const selection = {
  agreement: '',
  from: '',
  to: '',
  unit: 'loan',
  asOf: undefined as string | undefined,
  find: '',
};

/** Every registered partner, by ISIL, for names and search. */
export const partners = new Map<string, Partner>();

export const nameOf = (isil: string): string => partners.get(isil)?.name ?? '';

/** ISIL or name contains the text, whatever the case. */
export const matches = (isil: string, text: string): boolean => {
  const wanted = text.trim().toLowerCase();
  return wanted === '' || isil.toLowerCase().includes(wanted) || nameOf(isil).toLowerCase().includes(wanted);
};

/** The partner the search names: its ISIL exactly, else the only or first partner it matches. */
export const foundPartner = (among: readonly string[]): string | undefined => {
  const wanted = selection.find.trim().toUpperCase();
  if (wanted === '') return undefined;
  return among.find((isil) => isil === wanted) ?? among.find((isil) => matches(isil, selection.find));
};
