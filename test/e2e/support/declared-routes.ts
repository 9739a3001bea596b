import { declaredRoutes as routes } from '../../../src/infrastructure/http/routes';

/** "METHOD /path/:param" for every route the service declares. */
export const declaredRoutes = (): string[] => routes().map(({ method, path }) => `${method} ${path}`);
