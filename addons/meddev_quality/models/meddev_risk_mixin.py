from odoo import api, fields, models

from ..tools import risk

RATINGS = [(str(value), str(value)) for value in risk.SCALE]


class MeddevRiskMixin(models.AbstractModel):
    """Severity x occurrence x detection rating, against the company's CAPA threshold."""

    _name = "meddev.risk.mixin"
    _description = "Risk Rating"

    risk_severity = fields.Selection(RATINGS, help="1 = negligible ... 5 = catastrophic")
    risk_occurrence = fields.Selection(RATINGS, string="Occurrence", help="1 = improbable ... 5 = frequent")
    risk_detection = fields.Selection(RATINGS, string="Detection", help="1 = always detected ... 5 = undetectable")
    risk_rpn = fields.Integer(string="Risk Priority Number", compute="_compute_risk_rpn", store=True)
    capa_required = fields.Boolean(string="CAPA Required", compute="_compute_risk_rpn", store=True)

    @api.depends("risk_severity", "risk_occurrence", "risk_detection", "company_id.meddev_capa_rpn_threshold")
    def _compute_risk_rpn(self):
        for record in self:
            ratings = (record.risk_severity, record.risk_occurrence, record.risk_detection)
            record.risk_rpn = risk.priority_number(*map(int, ratings)) if all(ratings) else 0
            record.capa_required = risk.requires_capa(record.risk_rpn, record.company_id.meddev_capa_rpn_threshold)
