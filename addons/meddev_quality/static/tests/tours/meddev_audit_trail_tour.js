import { registry } from "@web/core/registry";

// A Quality Manager reads the audit trail and verifies its hash chain.
registry.category("web_tour.tours").add("meddev_quality_audit_trail", {
    steps: () => [
        {
            content: "The trail lists the audited change",
            trigger: ".o_list_view .o_data_row td:contains('Tour category renamed')",
            run: "click",
        },
        {
            content: "The entry shows old and new values",
            trigger: ".o_form_view .o_meddev_audit_changes td:contains('Tour category renamed')",
        },
        {
            content: "...and its place in the hash chain",
            trigger: ".o_form_view .o_field_widget[name=prev_hash]",
        },
        {
            content: "Open the verification from the Compliance menu",
            trigger: ".o_menu_sections button:contains('Compliance')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Verify Audit Trail')",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_verify]",
            run: "click",
        },
        {
            content: "The chain is intact",
            trigger: ".modal .alert-success:contains('intact')",
        },
    ],
});
