"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rotationsReadModel = exports.RotationStepMessage = exports.PlanRotationMessage = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const streams_1 = require("../cooperation/streams");
const document_queries_1 = require("../queries/document.queries");
const rotations_projection_1 = require("./rotations.projection");
/**
 * A new rotation: its id is given by the id source, the agreement and the
 * standings of the owner and every host are gathered by the handler.
 */
class PlanRotationMessage extends cqrs_1.Command {
    data;
    context;
    constructor(data, context) {
        super();
        this.data = data;
        this.context = context;
    }
}
exports.PlanRotationMessage = PlanRotationMessage;
/** Any later step of an existing rotation. */
class RotationStepMessage extends cqrs_1.Command {
    command;
    context;
    constructor(command, context) {
        super();
        this.command = command;
        this.context = context;
    }
}
exports.RotationStepMessage = RotationStepMessage;
/** The rotations read model, for the generic document queries (GetDocumentQuery, ListDocumentsQuery). */
exports.rotationsReadModel = (0, document_queries_1.documentReadModel)(rotations_projection_1.ROTATIONS_PROJECTION, streams_1.streams.rotation);
//# sourceMappingURL=rotation.messages.js.map