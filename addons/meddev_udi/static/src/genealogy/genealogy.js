import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { _t } from "@web/core/l10n/translation";

// One node of a genealogy tree: the lot, its quantities and operations, and its
// children (what it went into, or what it was made of), folded on demand.
class GenealogyNode extends Component {
    static template = "meddev_udi.GenealogyNode";
    static components = {};
    static props = ["node", "level", "labels", "openRecord"];

    setup() {
        this.orm = useService("orm");
        this.state = useState({ open: this.props.level < 2, showEvents: false, events: null });
    }

    toggle() {
        this.state.open = !this.state.open;
    }

    // A recall-sized tree has tens of thousands of lots: their operations are
    // fetched only when the user opens them.
    async toggleEvents() {
        if (!this.state.events) {
            this.state.events = await this.orm.call("meddev.genealogy", "get_lot_events", [this.props.node.lot_id]);
        }
        this.state.showEvents = !this.state.showEvents;
    }
}
GenealogyNode.components = { GenealogyNode };

export class Genealogy extends Component {
    static template = "meddev_udi.Genealogy";
    static components = { GenealogyNode };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const context = this.props.action.context || {};
        this.lotId = context.active_id || (this.props.action.params || {}).lot_id;
        this.state = useState({ forward: null, backward: null, tab: "forward" });
        onWillStart(async () => {
            [this.labels, this.state.forward, this.state.backward] = await Promise.all([
                this.orm.call("meddev.genealogy", "get_event_labels", []),
                this.orm.call("meddev.genealogy", "get_trace", [this.lotId, "forward"], { with_events: false }),
                this.orm.call("meddev.genealogy", "get_trace", [this.lotId, "backward"], { with_events: false }),
            ]);
        });
    }

    get trace() {
        return this.state[this.state.tab];
    }

    setTab(tab) {
        this.state.tab = tab;
    }

    openRecord(model, id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: model,
            res_id: id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    exportXlsx() {
        this.action.doAction({
            type: "ir.actions.act_url",
            url: `/meddev_udi/genealogy/${this.lotId}/xlsx`,
            target: "download",
        });
    }

    get title() {
        return _t("Genealogy of %s", this.state.forward.root.lot_name);
    }
}

registry.category("actions").add("meddev_udi_genealogy", Genealogy);
