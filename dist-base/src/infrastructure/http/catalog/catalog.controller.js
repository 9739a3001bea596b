"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CatalogController = exports.NewAcquisitionsDto = exports.SearchCatalogDto = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const class_validator_1 = require("class-validator");
const catalog_queries_1 = require("../../../application/catalog/catalog.queries");
const isbn_1 = require("../../../domain/shared/isbn");
const roles_1 = require("../auth/roles");
const dates_1 = require("../../../domain/shared/dates");
const time_1 = require("../validation/time");
const problem_1 = require("../problem/problem");
const fields_1 = require("../validation/fields");
const READERS = ['coordinator', 'librarian', 'auditor'];
class SearchCatalogDto extends fields_1.PageQueryDto {
    isbn;
    /** Words of the title, separated by spaces; every one must appear. */
    q;
}
exports.SearchCatalogDto = SearchCatalogDto;
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(32),
    (0, fields_1.Example)('9780306406157'),
    __metadata("design:type", String)
], SearchCatalogDto.prototype, "isbn", void 0);
__decorate([
    (0, fields_1.Optional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    (0, fields_1.Example)('Havelaar'),
    __metadata("design:type", String)
], SearchCatalogDto.prototype, "q", void 0);
class NewAcquisitionsDto extends fields_1.PageQueryDto {
    since;
}
exports.NewAcquisitionsDto = NewAcquisitionsDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(40),
    (0, time_1.IsDayOrInstant)('since'),
    __metadata("design:type", String)
], NewAcquisitionsDto.prototype, "since", void 0);
/** The union catalogue of who holds what, fed by registered holdings and fulfilled acquisition claims. */
let CatalogController = class CatalogController {
    queries;
    constructor(queries) {
        this.queries = queries;
    }
    search({ isbn, q, limit, cursor, minPosition }) {
        if (isbn !== undefined && q !== undefined)
            throw new problem_1.BadInput([{ field: 'q', message: 'search by isbn or by q, not both' }]);
        const words = q?.trim().split(/\s+/).filter(Boolean) ?? [];
        if (words.length > 10)
            throw new problem_1.BadInput([{ field: 'q', message: 'q may have at most 10 words' }]);
        const isbn13 = isbn === undefined ? undefined : (0, isbn_1.toIsbn13)(isbn, 'isbn');
        return this.queries.execute(new catalog_queries_1.SearchCatalogQuery({ isbn13, words }, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    /** Titles acquired by a partner since the date, newest entries first. */
    newAcquisitions({ since, limit, cursor, minPosition }) {
        return this.queries.execute(new catalog_queries_1.NewAcquisitionsQuery((0, dates_1.readDayOrInstant)(since), limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
};
exports.CatalogController = CatalogController;
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [SearchCatalogDto]),
    __metadata("design:returntype", void 0)
], CatalogController.prototype, "search", null);
__decorate([
    (0, common_1.Get)('new-acquisitions'),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [NewAcquisitionsDto]),
    __metadata("design:returntype", void 0)
], CatalogController.prototype, "newAcquisitions", null);
exports.CatalogController = CatalogController = __decorate([
    (0, common_1.Controller)('v1/catalog'),
    (0, roles_1.Roles)(...READERS),
    __metadata("design:paramtypes", [cqrs_1.QueryBus])
], CatalogController);
//# sourceMappingURL=catalog.controller.js.map