import { registry } from "@web/core/registry";

// What a keyboard-wedge scanner does: types the characters fast, anywhere on the
// page, then Enter; Odoo's barcode service recognises it as a scan.
function wedgeScan(code) {
    for (const key of code) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    }
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}

registry.category("web_tour.tours").add("meddev_udi_scan_receipt", {
    steps: () => [
        {
            content: "The receipt shows the UDI scanner",
            trigger: ".o_form_view .o_meddev_udi_scanner input",
        },
        {
            content: "Scan a box of 20 with the wedge scanner (FNC1 typed as '#')",
            trigger: ".o_form_view .o_meddev_udi_scanner",
            run: () => wedgeScan("]C1011695999950001910TOUR-LOT#17301231"),
        },
        {
            content: "The scan is confirmed",
            trigger: ".o_meddev_udi_scan_ok:contains('TOUR-LOT')",
        },
        {
            content: "Type an unknown device identifier into the scanner's input",
            trigger: ".o_meddev_udi_scanner input",
            run: "edit 0106959999399999",
        },
        {
            trigger: ".o_meddev_udi_scanner input",
            run: "press Enter",
        },
        {
            content: "The refusal says why",
            trigger: ".o_meddev_udi_scan_error:contains('No product has the device identifier')",
        },
    ],
});
