"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Acting = exports.Roles = exports.Public = exports.ROLES = exports.PUBLIC_ROUTE = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
exports.PUBLIC_ROUTE = 'ledger:public';
exports.ROLES = 'ledger:roles';
/** Reachable without a key (health probes). */
const Public = () => (0, common_1.SetMetadata)(exports.PUBLIC_ROUTE, true);
exports.Public = Public;
/** The roles that may call a route; every non-public route must say. OpenAPI shows them as `x-roles`. */
const Roles = (...roles) => (0, common_1.applyDecorators)((0, common_1.SetMetadata)(exports.ROLES, roles), (0, swagger_1.ApiBearerAuth)(), (0, swagger_1.ApiExtension)('x-roles', roles));
exports.Roles = Roles;
/** The principal the guard attached: the acting library always comes from the key. */
exports.Acting = (0, common_1.createParamDecorator)((_, context) => context.switchToHttp().getRequest().principal);
//# sourceMappingURL=roles.js.map