import base64

from odoo import api, fields, models

from ..tools import matrix, xlsx_matrix


class MeddevTrainingMatrix(models.TransientModel):
    """Employee x training grid: qualified, due, overdue, expired, not required."""

    _name = "meddev.training.matrix"
    _description = "Training Matrix"

    date = fields.Date(string="As Of", required=True, default=fields.Date.context_today)
    department_ids = fields.Many2many("hr.department", string="Departments")
    job_ids = fields.Many2many("hr.job", string="Job Positions")
    course_ids = fields.Many2many("meddev.training.course", string="Trainings",
                                  help="Leave empty for every training required of the employees shown.")

    def _employees(self):
        """The employees shown: filtered, and limited to the user's team unless Training Coordinator."""
        self.ensure_one()
        domain = [("company_id", "in", self.env.companies.ids)]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        if self.job_ids:
            domain.append(("job_id", "in", self.job_ids.ids))
        if not self.env.user.has_group("meddev_quality.group_meddev_training_coordinator"):
            # Employees see their own line, managers their team's.
            domain.append(("id", "child_of", self.env.user.employee_ids.ids))
        # Reading the employees' job and department is part of showing the matrix.
        return self.env["hr.employee"].sudo().search(domain, order="department_id, name")

    def _compute(self):
        """(employees, courses, cells); without chosen trainings, the columns are
        the trainings required of at least one employee shown."""
        self.ensure_one()
        employees = self._employees()
        Requirement = self.env["meddev.training.requirement"]
        if self.course_ids:
            courses = self.course_ids.sudo()
        else:
            courses = Requirement.sudo().search([("company_id", "in", self.env.companies.ids + [False])]).course_id
        cells = Requirement._evaluate(employees, courses, self.date)
        if not self.course_ids:
            required = {course_id for (_employee_id, course_id), cell in cells.items()
                        if cell.state != matrix.NOT_REQUIRED}
            courses = courses.filtered(lambda c: c.id in required)
        return employees, courses, cells

    def get_matrix(self):
        """The matrix as data: {"courses": [...], "employees": [...], "cells": {"emp,course": state}}."""
        self.ensure_one()
        employees, courses, cells = self._compute()
        return {
            "date": fields.Date.to_string(self.date),
            "courses": [{"id": c.id, "name": c.display_name} for c in courses],
            "employees": [{"id": e.id, "name": e.name, "department": e.department_id.name or "",
                           "job": e.job_id.name or ""} for e in employees],
            "cells": {"%d,%d" % key: cell.state for key, cell in cells.items()},
        }

    @api.model
    def _labels(self):
        return {
            matrix.QUALIFIED: self.env._("Qualified"),
            matrix.DUE: self.env._("Due"),
            matrix.OVERDUE: self.env._("Overdue"),
            matrix.EXPIRED: self.env._("Expired"),
            matrix.NOT_REQUIRED: self.env._("Not Required"),
        }

    @api.model
    def get_state_labels(self):
        return self._labels()

    def _xlsx(self):
        self.ensure_one()
        employees, courses, cells = self._compute()
        rows = [((employee.name, employee.department_id.name or "", employee.job_id.name or ""),
                 [cells[employee.id, course.id].state for course in courses]) for employee in employees]
        return xlsx_matrix.matrix_xlsx(
            self.env._("Training Matrix"),
            [self.env._("Employee"), self.env._("Department"), self.env._("Job Position")],
            [course.display_name for course in courses], rows, self._labels())

    def export_xlsx(self):
        """The matrix as a base64 XLSX (for XML-RPC)."""
        return base64.b64encode(self._xlsx()).decode()

    def action_export_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": "/meddev_training/matrix/%d" % self.id, "target": "download"}

    def action_print(self):
        return self.env.ref("meddev_training.action_report_training_matrix").report_action(self)

    def _report_rows(self):
        """Rows for the printed matrix: (employee, [(state, label) per course])."""
        self.ensure_one()
        employees, courses, cells = self._compute()
        labels = self._labels()
        return courses, [(employee, [(cells[employee.id, course.id].state, labels[cells[employee.id, course.id]
                                                                                  .state]) for course in courses])
                         for employee in employees]

    @api.model
    def get_kpis(self, department_ids=None):
        """Coverage and pass rates, overdue counts by department, expiries in the next 30 days."""
        wizard = self.create({"department_ids": [fields.Command.set(department_ids or [])]})
        employees, _courses, cells = wizard._compute()
        required = [cell for cell in cells.values() if cell.state != matrix.NOT_REQUIRED]
        qualified = [cell for cell in required if cell.state == matrix.QUALIFIED]
        overdue = {}
        for (employee_id, _course_id), cell in cells.items():
            if cell.state in (matrix.OVERDUE, matrix.EXPIRED):
                department = employees.browse(employee_id).department_id.name or self.env._("No Department")
                overdue[department] = overdue.get(department, 0) + 1
        soon = fields.Date.add(wizard.date, days=30)
        expiring = sum(1 for cell in qualified if cell.due_date and cell.due_date <= soon)
        Qualification = self.env["meddev.training.qualification"].sudo()
        graded = Qualification.search([("employee_id", "in", employees.ids),
                                       ("assessment", "in", ("written", "practical"))])
        passed = graded.filtered(lambda q: q.score >= q.course_id.pass_mark)
        return {
            "coverage_rate": round(100.0 * len(qualified) / len(required), 1) if required else 100.0,
            "pass_rate": round(100.0 * len(passed) / len(graded), 1) if graded else 100.0,
            "overdue_by_department": overdue,
            "expiring_30_days": expiring,
        }
