import { Component, useRef, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

// Scans a UDI into the record of the form it sits on: from a keyboard-wedge
// scanner anywhere on the page (Odoo's barcode service, which already turns the
// GS1 nomenclature's FNC1 stand-ins into the GS character), or typed into its
// input. The server applies the scan, or refuses it changing nothing.
export class UdiScannerField extends Component {
    static template = "meddev_udi.UdiScannerField";
    static props = { ...standardFieldProps, method: { type: String, optional: true } };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.input = useRef("input");
        this.state = useState({ last: null, error: null, busy: false });
        useBus(useService("barcode").bus, "barcode_scanned", (ev) => this.scan(ev.detail.barcode));
    }

    async scan(code) {
        const record = this.props.record;
        if (!code || this.state.busy || this.props.readonly) {
            return;
        }
        this.state.busy = true;
        try {
            if (record.isNew || record.dirty) {
                if (!(await record.save())) {
                    return;
                }
            }
            const result = await this.orm.call(record.resModel, this.props.method || "meddev_scan_udi",
                [[record.resId], code]);
            this.state.last = result.message;
            this.state.error = null;
            this.notification.add(result.message, { type: "success" });
            await record.load();
        } catch (error) {
            this.state.error = (error.data && error.data.message) || error.message;
            this.state.last = null;
            this.notification.add(this.state.error, { type: "danger" });
        } finally {
            this.state.busy = false;
            if (this.input.el) {
                this.input.el.value = "";
            }
        }
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            ev.stopPropagation();
            this.scan(ev.target.value);
        }
    }
}

registry.category("fields").add("meddev_udi_scanner", {
    component: UdiScannerField,
    supportedTypes: ["char"],
    extractProps: ({ options }) => ({ method: options.method }),
});
