from odoo import api, fields, models
from odoo.exceptions import UserError

from .meddev_signature import SIGNING_TOKEN

STAGES = [
    ("draft", "Draft"),
    ("investigation", "Investigation"),
    ("action_plan", "Action Plan"),
    ("implementation", "Implementation"),
    ("verification", "Effectiveness Verification"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]
STAGE_ORDER = [code for code, _label in STAGES]
# The stage each signature completes: its policy line's sequence.
SIGNED_STAGES = ("investigation", "action_plan", "implementation", "verification")
SOURCES = [
    ("nonconformance", "Nonconformance"),
    ("complaint", "Customer Complaint"),
    ("audit", "Audit Finding"),
    ("outsourced", "Outsourced Processing"),
    ("trend", "Quality Trend"),
    ("other", "Other"),
]
FISHBONE = [
    ("man", "Man (People)"),
    ("machine", "Machine"),
    ("method", "Method"),
    ("material", "Material"),
    ("measurement", "Measurement"),
    ("environment", "Environment (Mother Nature)"),
]
# Content each stage fills in; it freezes once that stage is signed.
STAGE_FIELDS = {
    "draft": {"title", "description", "source", "source_reference", "nonconformance_ids", "company_id",
              "risk_severity", "risk_occurrence", "risk_detection", "date_deadline"},
    "investigation": {"why_1", "why_2", "why_3", "why_4", "why_5", "fishbone_category", "root_cause"},
    "action_plan": {"action_ids", "effectiveness_criteria", "verification_due"},
    "verification": {"verification_result", "verification_note"},
}
# Who works on the CAPA is not its regulated content.
FREE_FIELDS = {"user_id", "escalation_level", "message_main_attachment_id", "activity_ids"}


class MeddevCapa(models.Model):
    """Corrective and preventive action (纠正与预防措施), stage by stage, each stage signed."""

    _name = "meddev.capa"
    _inherit = ["meddev.signable.mixin", "meddev.risk.mixin", "meddev.register.mixin", "mail.thread",
                "mail.activity.mixin"]
    _description = "CAPA"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    title = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one("res.users", string="Owner", default=lambda self: self.env.user, check_company=True,
                              tracking=True)
    state = fields.Selection(STAGES, default="draft", required=True, readonly=True, tracking=True, index=True,
                             group_expand=True)
    source = fields.Selection(SOURCES, required=True, default="nonconformance")
    source_reference = fields.Char(help="Complaint number, audit finding or other reference.")
    description = fields.Html(string="Problem Description")
    nonconformance_ids = fields.Many2many("meddev.nonconformance", string="Nonconformances", check_company=True)
    nonconformance_count = fields.Integer(compute="_compute_nonconformance_count")
    date_deadline = fields.Date(string="Target Closure", tracking=True)
    # Investigation
    why_1 = fields.Char()
    why_2 = fields.Char()
    why_3 = fields.Char()
    why_4 = fields.Char()
    why_5 = fields.Char()
    fishbone_category = fields.Selection(FISHBONE, string="Root Cause Category")
    root_cause = fields.Text()
    # Action plan
    action_ids = fields.One2many("meddev.capa.action", "capa_id", string="Actions")
    effectiveness_criteria = fields.Text(help="How the CAPA will be proven effective, measurably.")
    verification_due = fields.Date(string="Verify Effectiveness By")
    # Verification
    verification_result = fields.Selection([("effective", "Effective"), ("not_effective", "Not Effective")])
    verification_note = fields.Text(string="Verification Evidence")
    reopen_count = fields.Integer(readonly=True, copy=False)
    # Cycle time
    date_opened = fields.Datetime(readonly=True, copy=False)
    date_closed = fields.Datetime(readonly=True, copy=False)
    cycle_days = fields.Float(string="Cycle Time (Days)", compute="_compute_cycle_days", store=True,
                              aggregator="avg")
    escalation_level = fields.Integer(readonly=True, copy=False,
                                      help="0: not escalated, 1: owner reminded, 2: Quality Managers alerted.")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    age_days = fields.Integer(string="Age (Days)", compute="_compute_age_days")

    @api.depends("nonconformance_ids")
    def _compute_nonconformance_count(self):
        for capa in self:
            capa.nonconformance_count = len(capa.nonconformance_ids)

    @api.depends("date_opened", "date_closed")
    def _compute_cycle_days(self):
        for capa in self:
            if capa.date_opened and capa.date_closed:
                capa.cycle_days = (capa.date_closed - capa.date_opened).total_seconds() / 86400.0
            else:
                capa.cycle_days = 0.0

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for capa in self:
            capa.is_overdue = bool(capa.date_deadline and capa.date_deadline < today
                                   and capa.state not in ("closed", "cancel"))

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue CAPAs."))
        domain = [("date_deadline", "<", fields.Date.context_today(self)), ("state", "not in", ("closed", "cancel"))]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_age_days(self):
        now = fields.Datetime.now()
        for capa in self:
            start = capa.date_opened or capa.create_date or now
            capa.age_days = ((capa.date_closed or now) - start).days

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("meddev.capa") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Stage locking: a signed stage's content is frozen
    # ------------------------------------------------------------------
    def _meddev_check_unlocked(self, field_names=None):
        if self.env.context.get("meddev_signing") is SIGNING_TOKEN:
            return
        for capa in self:
            if capa.state in ("closed", "cancel"):
                if field_names is None or set(field_names) - FREE_FIELDS:
                    raise UserError(self.env._("%(capa)s is closed: it can no longer be changed or deleted.",
                                               capa=capa.display_name))
                continue
            if field_names is None:
                if capa.signature_ids:
                    raise UserError(self.env._(
                        "%(capa)s carries electronic signatures: it can be cancelled, not deleted.",
                        capa=capa.display_name))
                continue
            frozen = capa._frozen_fields() & set(field_names)
            if frozen:
                raise UserError(self.env._(
                    "%(capa)s: %(fields)s belong to a stage already signed and can no longer be changed.",
                    capa=capa.display_name,
                    fields=", ".join(sorted(self._fields[name].get_description(self.env)["string"]
                                            for name in frozen))))

    def _frozen_fields(self):
        self.ensure_one()
        current = STAGE_ORDER.index(self.state)
        frozen = set()
        for stage, names in STAGE_FIELDS.items():
            if STAGE_ORDER.index(stage) < current:
                frozen |= names
        if self.state == "action_plan" and self.reopen_count:
            # Reopened after a failed verification: the plan is revised.
            frozen -= STAGE_FIELDS["action_plan"]
        return frozen

    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------
    def action_open(self):
        for capa in self:
            if capa.state != "draft":
                raise UserError(self.env._("%(capa)s is already open.", capa=capa.name))
            capa.write({"state": "investigation", "date_opened": fields.Datetime.now()})
        return True

    def action_cancel(self):
        if not self.env.user.has_group("meddev_quality.group_meddev_quality_manager"):
            raise UserError(self.env._("Only a Quality Manager can cancel a CAPA."))
        for capa in self:
            if capa.state in ("closed", "cancel"):
                raise UserError(self.env._("%(capa)s is already closed.", capa=capa.name))
        return self.with_context(meddev_signing=SIGNING_TOKEN).write({"state": "cancel"})

    def _check_plan_editable(self):
        for capa in self:
            if capa.state not in ("draft", "investigation", "action_plan"):
                raise UserError(self.env._(
                    "The action plan of %(capa)s is approved: it changes only if the CAPA is reopened.",
                    capa=capa.name))

    def _meddev_next_policy_line(self):
        """The signature that completes the current stage (sequence = stage number)."""
        self.ensure_one()
        if self.state not in SIGNED_STAGES:
            return self.env["meddev.signature.policy.line"]
        lines = self._meddev_policy_lines()
        index = SIGNED_STAGES.index(self.state)
        return lines[index] if index < len(lines) else lines.browse()

    def _meddev_no_signature_due_message(self):
        return self.env._("%(capa)s has no signature due in stage “%(stage)s”.", capa=self.display_name,
                          stage=dict(STAGES)[self.state])

    def _meddev_distinct_signers(self):
        # One Quality Manager may sign several stages (plan approval and closure).
        return False

    def _meddev_check_can_sign(self, meaning):
        result = super()._meddev_check_can_sign(meaning)
        self._check_stage_complete()
        return result

    def _check_stage_complete(self):
        self.ensure_one()
        missing = []
        if self.state == "investigation":
            if not self.root_cause or not self.why_1 or not self.fishbone_category:
                missing.append(self.env._("the root cause, at least one “why” and its category"))
        elif self.state == "action_plan":
            if not self.action_ids:
                missing.append(self.env._("at least one action"))
            if self.action_ids.filtered(lambda a: not a.user_id or not a.date_deadline):
                missing.append(self.env._("an owner and a due date for every action"))
            if not self.effectiveness_criteria or not self.verification_due:
                missing.append(self.env._("the effectiveness criteria and their due date"))
        elif self.state == "implementation" and self.action_ids.filtered(lambda a: a.state != "done"):
            missing.append(self.env._("every action done"))
        elif self.state == "verification" and (not self.verification_result or not self.verification_note):
            missing.append(self.env._("the verification result and its evidence"))
        if missing:
            raise UserError(self.env._("%(capa)s cannot leave stage “%(stage)s” yet: it needs %(missing)s.",
                                       capa=self.display_name, stage=dict(STAGES)[self.state],
                                       missing="; ".join(missing)))

    def _meddev_apply_signature(self, meaning, comment):
        signature = super()._meddev_apply_signature(meaning, comment)
        # Stages keep the record open: only the closing signature locks it.
        self.with_context(meddev_signing=SIGNING_TOKEN).write(
            {"meddev_sign_state": "signed" if self.state == "closed" else "in_progress"})
        return signature

    def _meddev_on_signed(self, signature):
        self.ensure_one()
        if self.state == "investigation":
            self.write({"state": "action_plan"})
        elif self.state == "action_plan":
            self.write({"state": "implementation"})
            self.action_ids._schedule_activity()
        elif self.state == "implementation":
            self.write({"state": "verification"})
        elif self.state == "verification":
            if self.verification_result == "effective":
                self.write({"state": "closed", "date_closed": fields.Datetime.now()})
                self.activity_unlink(["mail.mail_activity_data_todo"])
            else:
                self.write({"state": "action_plan", "reopen_count": self.reopen_count + 1,
                            "verification_result": False})
                self.message_post(body=self.env._(
                    "Effectiveness verification failed: the CAPA is reopened for a revised action plan."))

    # ------------------------------------------------------------------
    # Overdue escalation
    # ------------------------------------------------------------------
    def _register_sheet_name(self):
        return self.env._("CAPA Log")

    def _register_columns(self):
        label = self._register_label
        return [
            (self.env._("Reference"), lambda rec: rec.name),
            (self.env._("Title"), lambda rec: rec.title),
            (self.env._("Source"), label("source")),
            (self.env._("Source Reference"), lambda rec: rec.source_reference or ""),
            (self.env._("Nonconformances"), lambda rec: ", ".join(rec.nonconformance_ids.mapped("name"))),
            (self.env._("Owner"), lambda rec: rec.user_id.name or ""),
            (self.env._("Stage"), label("state")),
            (self.env._("Risk Priority Number"), lambda rec: rec.risk_rpn),
            (self.env._("Root Cause Category"), label("fishbone_category")),
            (self.env._("Root Cause"), lambda rec: rec.root_cause or ""),
            (self.env._("Actions"), lambda rec: len(rec.action_ids)),
            (self.env._("Actions Done"), lambda rec: len(rec.action_ids.filtered(lambda a: a.state == "done"))),
            (self.env._("Opened On"), lambda rec: rec.date_opened),
            (self.env._("Target Closure"), lambda rec: rec.date_deadline),
            (self.env._("Closed On"), lambda rec: rec.date_closed),
            (self.env._("Cycle Time (Days)"), lambda rec: round(rec.cycle_days, 1) if rec.date_closed else ""),
            (self.env._("Overdue"), lambda rec: self.env._("Yes") if rec.is_overdue else ""),
            (self.env._("Reopened"), lambda rec: rec.reopen_count),
        ]

    def action_view_nonconformances(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_nonconformance_action")
        action["domain"] = [("id", "in", self.nonconformance_ids.ids)]
        action["context"] = {}
        return action

    @api.model
    def _cron_escalate_overdue(self):
        """Remind the owner of an overdue CAPA, then alert the Quality Managers."""
        today = fields.Date.context_today(self)
        managers_group = self.env.ref("meddev_quality.group_meddev_quality_manager")
        for capa in self.search([("is_overdue", "=", True), ("escalation_level", "<", 2)]):
            overdue_days = (today - capa.date_deadline).days
            if capa.escalation_level == 0:
                capa.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=(capa.user_id or self.env.user).id,
                    summary=self.env._("Overdue CAPA %(capa)s", capa=capa.name),
                    note=self.env._("The target closure date %(date)s has passed.", date=capa.date_deadline))
                capa.escalation_level = 1
            elif overdue_days >= capa.company_id.meddev_capa_escalation_days:
                managers = managers_group.users.filtered(lambda u, c=capa: c.company_id in u.company_ids)
                for manager in managers:
                    capa.activity_schedule(
                        "mail.mail_activity_data_todo", user_id=manager.id,
                        summary=self.env._("Escalated: CAPA %(capa)s overdue by %(days)s days",
                                           capa=capa.name, days=overdue_days))
                capa.escalation_level = 2
