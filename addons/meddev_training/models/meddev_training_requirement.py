from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import matrix


class MeddevTrainingRequirement(models.Model):
    """A training required of a job position and/or a department (empty: of everyone)."""

    _name = "meddev.training.requirement"
    _inherit = ["meddev.audited.mixin"]
    _description = "Training Requirement"
    _order = "course_id, id"
    _check_company_auto = True

    course_id = fields.Many2one("meddev.training.course", string="Training", required=True, ondelete="cascade",
                                index=True, check_company=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    job_id = fields.Many2one("hr.job", string="Job Position", check_company=True)
    department_id = fields.Many2one("hr.department", check_company=True,
                                    help="This department and its sub-departments.")
    deadline_days = fields.Integer(string="Onboarding Deadline (Days)", default=30,
                                   help="Days after taking the position by which a new employee must be qualified.")
    active = fields.Boolean(default=True)

    def _applies_domain(self):
        self.ensure_one()
        domain = [("company_id", "in", [self.company_id.id] if self.company_id else self.env.companies.ids)]
        if self.job_id:
            domain.append(("job_id", "=", self.job_id.id))
        if self.department_id:
            domain.append(("department_id", "child_of", self.department_id.id))
        return domain

    def _employees(self):
        employees = self.env["hr.employee"]
        for requirement in self:
            employees |= self.env["hr.employee"].sudo().search(requirement._applies_domain())
        return employees

    def _applies_to(self, employee):
        self.ensure_one()
        return ((not self.company_id or employee.company_id == self.company_id)
                and (not self.job_id or employee.job_id == self.job_id)
                and (not self.department_id or (employee.department_id
                                                and employee.department_id.parent_path.startswith(
                                                    self.department_id.parent_path))))

    # ------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------
    @api.model
    def _evaluate(self, employees, courses, at=None):
        """{(employee id, course id): matrix.Cell} for every pair, in a few queries.

        Requirements decide whether a cell is required; signed qualifications
        and document revisions decide its state.  Plain data inside the loop:
        the matrix is employees x trainings cells.
        """
        at = at or fields.Date.context_today(self)
        # The matrix is computed for whoever may see it; the rows themselves
        # are filtered by the caller's record rules.
        employees, courses = employees.sudo(), courses.sudo()
        # Plain SQL: a 2,000 x 200 matrix reads some 200,000 qualifications.
        self.env["meddev.training.qualification"].flush_model()
        self.env.cr.execute(SQL(
            """SELECT employee_id, course_id, date_issued, date_expiry, revision_id
                 FROM meddev_training_qualification
                WHERE employee_id = ANY(%s) AND course_id = ANY(%s)
                  AND meddev_sign_state = 'signed' AND state = 'valid'""",
            employees.ids, courses.ids))
        held = {}
        for employee_id, course_id, issued, expiry, revision_id in self.env.cr.fetchall():
            held.setdefault((employee_id, course_id), []).append(matrix.Qualification(issued, expiry, revision_id))
        rows = employees.read(["job_id", "department_id", "company_id", "meddev_job_since"], load=None)
        paths = {department.id: department.parent_path for department in employees.department_id}
        requirements = {}
        for requirement in self.sudo().search([("course_id", "in", courses.ids)]):
            requirements.setdefault(requirement.course_id.id, []).append((
                requirement.company_id.id, requirement.job_id.id, requirement.department_id.parent_path,
                requirement.deadline_days))
        keep_old = {company.id: company.meddev_keep_qualification_until_deadline
                    for company in employees.company_id}
        not_required = matrix.cell(at, (), required=False)
        result = {}
        for course in courses:
            revision = course.current_revision_id
            settings = {
                "current_revision": revision.id or None,
                "revision_since": revision.date_effective or None,
                "retraining_days": course.retraining_days,
                "grace_days": course.grace_days,
            }
            course_requirements = requirements.get(course.id, [])
            # Employees of one company, job and department share the requirement's
            # deadline, and those without any qualification the same cell.
            deadline_of, untrained = {}, {}
            for row in rows:
                profile = (row["company_id"], row["job_id"], row["department_id"])
                if profile not in deadline_of:
                    department_path = paths.get(row["department_id"]) or ""
                    deadline_of[profile] = min((
                        deadline for company, job, path, deadline in course_requirements
                        if (not company or company == row["company_id"]) and (not job or job == row["job_id"])
                        and (not path or department_path.startswith(path))), default=None)
                deadline = deadline_of[profile]
                key = row["id"], course.id
                if deadline is None:
                    result[key] = not_required
                    continue
                held_here = held.get(key)
                if held_here is None:
                    start = row["meddev_job_since"]
                    if (start, deadline) not in untrained:
                        untrained[start, deadline] = matrix.cell(
                            at, (), assigned_on=start, deadline_days=deadline, **settings)
                    result[key] = untrained[start, deadline]
                    continue
                result[key] = matrix.cell(
                    at, held_here, keep_old_until_deadline=keep_old.get(row["company_id"], True),
                    assigned_on=row["meddev_job_since"], deadline_days=deadline, **settings)
        return result

    @api.model
    def _reason_text(self, cell, course):
        texts = {
            "not_required": self.env._("%(course)s is not required.", course=course.display_name),
            "qualified": self.env._("Qualified on %(course)s.", course=course.display_name),
            "new_revision": self.env._(
                "%(course)s has a new revision: retraining due by %(date)s (the previous qualification holds "
                "until then).", course=course.display_name, date=cell.due_date),
            "new_revision_overdue": self.env._(
                "%(course)s has a new revision and retraining was due by %(date)s.",
                course=course.display_name, date=cell.due_date),
            "grace": self.env._("%(course)s expired; grace period until %(date)s.",
                                course=course.display_name, date=cell.due_date),
            "expired": self.env._("%(course)s expired on %(date)s.", course=course.display_name, date=cell.due_date),
            "not_trained": self.env._("Not yet trained on %(course)s (due by %(date)s).",
                                      course=course.display_name, date=cell.due_date),
            "not_trained_overdue": self.env._("Not trained on %(course)s, which was due by %(date)s.",
                                              course=course.display_name, date=cell.due_date),
        }
        if cell.reason == "new_revision" and not cell.may_work:
            return self.env._("%(course)s has a new revision: the previous qualification lapsed; retraining due by "
                              "%(date)s.", course=course.display_name, date=cell.due_date)
        return texts[cell.reason]

    @api.model
    def _check_employee(self, employee, course_ids=None, document_id=None, revision_id=None, at=None):
        """Gating answer for one employee (see hr.employee.meddev_may_perform)."""
        if not employee:
            return {"allowed": False, "reasons": [self.env._("Unknown employee.")]}
        Course = self.env["meddev.training.course"].sudo()
        courses = Course.browse(course_ids or [])
        if document_id:
            courses |= Course.search([("document_id", "=", document_id)])
        if not courses:
            return {"allowed": True, "reasons": []}
        at = at or employee._meddev_today()
        reasons = []
        for course in courses:
            if revision_id and course.document_id and revision_id != course.current_revision_id.id:
                cell = self._check_revision(employee, course, revision_id, at)
            else:
                cell = self._evaluate(employee, course, at)[employee.id, course.id]
                if cell.state == matrix.NOT_REQUIRED:
                    # Asked about explicitly: the work needs the training even if the job does not.
                    cell = self._evaluate_required(employee, course, at)
            if not cell.may_work:
                reasons.append(self._reason_text(cell, course))
        return {"allowed": not reasons, "reasons": reasons}

    def _evaluate_required(self, employee, course, at):
        held = self.env["meddev.training.qualification"].sudo().search([
            ("employee_id", "=", employee.id), ("course_id", "=", course.id),
            ("meddev_sign_state", "=", "signed"), ("state", "=", "valid")])
        revision = course.current_revision_id
        return matrix.cell(at, [q._as_tuple() for q in held], current_revision=revision.id or None,
                           revision_since=revision.date_effective or None, retraining_days=course.retraining_days,
                           keep_old_until_deadline=employee.company_id.meddev_keep_qualification_until_deadline,
                           grace_days=course.grace_days, assigned_on=at, deadline_days=0)

    def _check_revision(self, employee, course, revision_id, at):
        held = self.env["meddev.training.qualification"].sudo().search([
            ("employee_id", "=", employee.id), ("course_id", "=", course.id), ("revision_id", "=", revision_id),
            ("meddev_sign_state", "=", "signed"), ("state", "=", "valid")])
        return matrix.cell(at, [q._as_tuple() for q in held], current_revision=revision_id,
                           grace_days=course.grace_days, assigned_on=at, deadline_days=0)

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind(self):
        """One to-do per employee with trainings due, overdue or expired, for them and their manager."""
        courses = self.sudo().search([("active", "=", True)]).course_id
        employees = self.env["hr.employee"].sudo().search([("company_id", "in", self.env.companies.ids)])
        cells = self._evaluate(employees, courses)
        pending = {}
        for (employee_id, course_id), cell in cells.items():
            if cell.state in (matrix.DUE, matrix.OVERDUE, matrix.EXPIRED):
                pending.setdefault(employee_id, []).append((course_id, cell))
        todo = self.env.ref("mail.mail_activity_data_todo")
        summary = self.env._("Training due")
        for employee in employees.browse(list(pending)):
            lines = [self._reason_text(cell, courses.browse(course_id)) for course_id, cell in pending[employee.id]]
            users = (employee.user_id | employee.parent_id.user_id)
            for user in users:
                if employee.activity_ids.filtered(lambda a, u=user: a.user_id == u and a.summary == summary
                                                  and a.activity_type_id == todo):
                    continue
                employee.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=user.id, summary=summary,
                    date_deadline=min((cell.due_date for _c, cell in pending[employee.id] if cell.due_date),
                                      default=fields.Date.context_today(self)),
                    note="<br/>".join(lines))
        return True
