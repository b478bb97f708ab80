import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

// The Quality overview: open NCs by severity, CAPA aging, first-pass yield
// per product, NCs per month and CAPA cycle time; each figure opens its records.
export class QualityOverview extends Component {
    static template = "meddev_quality.QualityOverview";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ figures: null });
        onWillStart(async () => {
            this.state.figures = await this.orm.call("meddev.quality.overview", "get_figures", []);
        });
    }

    get maxPerMonth() {
        return Math.max(1, ...this.state.figures.nc_per_month.map((m) => m.count));
    }

    open(resModel, name, domain) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: resModel,
            domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        });
    }

    openNcs(severity) {
        this.open("meddev.nonconformance", _t("Open Nonconformances"), [
            ["severity", "=", severity],
            ["state", "in", ["draft", "quarantined"]],
        ]);
    }

    openInspections(productId) {
        this.open("meddev.inspection", _t("Inspections"), [
            ["product_id", "=", productId],
            ["state", "in", ["passed", "failed"]],
        ]);
    }

    openOpenCapas() {
        this.open("meddev.capa", _t("Open CAPAs"), [["state", "not in", ["closed", "cancel"]]]);
    }
}

registry.category("actions").add("meddev_quality_overview", QualityOverview);
