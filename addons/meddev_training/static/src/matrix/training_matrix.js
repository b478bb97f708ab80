import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const CLASSES = {
    qualified: "table-success",
    due: "table-warning",
    overdue: "table-danger",
    expired: "table-danger",
    not_required: "text-muted",
};

// Employee x training grid, filtered by department and job; prints and exports
// through the meddev.training.matrix wizard the server computes it with.
export class TrainingMatrix extends Component {
    static template = "meddev_training.TrainingMatrix";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            departmentId: "",
            jobId: "",
            data: null,
            kpis: null,
            departments: [],
            jobs: [],
        });
        onWillStart(async () => {
            [this.state.departments, this.state.jobs] = await Promise.all([
                this.orm.searchRead("hr.department", [], ["name"]),
                this.orm.searchRead("hr.job", [], ["name"]),
            ]);
            this.labels = await this.orm.call("meddev.training.matrix", "get_state_labels", []);
            await this.load();
        });
    }

    async createWizard() {
        const vals = {};
        if (this.state.departmentId) {
            vals.department_ids = [[6, 0, [parseInt(this.state.departmentId)]]];
        }
        if (this.state.jobId) {
            vals.job_ids = [[6, 0, [parseInt(this.state.jobId)]]];
        }
        const [wizardId] = await this.orm.create("meddev.training.matrix", [vals]);
        return wizardId;
    }

    async load() {
        this.wizardId = await this.createWizard();
        const departmentIds = this.state.departmentId ? [parseInt(this.state.departmentId)] : [];
        [this.state.data, this.state.kpis] = await Promise.all([
            this.orm.call("meddev.training.matrix", "get_matrix", [[this.wizardId]]),
            this.orm.call("meddev.training.matrix", "get_kpis", [departmentIds]),
        ]);
    }

    async onFilter(field, ev) {
        this.state[field] = ev.target.value;
        await this.load();
    }

    get overdueTotal() {
        return Object.values(this.state.kpis.overdue_by_department).reduce((a, b) => a + b, 0);
    }

    cell(employee, course) {
        return this.state.data.cells[`${employee.id},${course.id}`];
    }

    cellClass(employee, course) {
        return CLASSES[this.cell(employee, course)];
    }

    label(employee, course) {
        return this.labels[this.cell(employee, course)];
    }

    async print() {
        await this.action.doAction("meddev_training.action_report_training_matrix", {
            additionalContext: { active_ids: [this.wizardId], active_model: "meddev.training.matrix" },
        });
    }

    async exportXlsx() {
        await this.action.doAction({
            type: "ir.actions.act_url",
            url: `/meddev_training/matrix/${this.wizardId}`,
            target: "download",
        });
    }
}

registry.category("actions").add("meddev_training_matrix", TrainingMatrix);
