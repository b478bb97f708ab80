import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("meddev_udi_recall_drill", {
    steps: () => [
        {
            content: "Start a mock recall drill",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The drill is marked as such",
            trigger: ".o_form_view .ribbon:contains('Drill')",
        },
        {
            trigger: ".o_field_widget[name='title'] input",
            run: "edit Tour drill: catheter lot",
        },
        {
            content: "Choose the suspect lot",
            trigger: ".o_field_widget[name='suspect_lot_ids'] input",
            run: "edit GEN-UI",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('GEN-UI')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='suspect_lot_ids'] .o_tag:contains('GEN-UI')",
        },
        {
            content: "Trace it",
            trigger: ".o_form_view button[name='action_compute']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Traced')",
        },
        {
            content: "Open the affected lots",
            trigger: ".o_notebook .nav-link:contains('Affected Lots/Serials')",
            run: "click",
        },
        {
            content: "The affected lot is listed with its stock and shipments",
            trigger: ".o_field_widget[name='lot_ids'] .o_data_row:contains('GEN-UI')",
        },
        {
            content: "A drill neither quarantines nor notifies",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_quarantine'])):not(:has(button[name='action_notify_customers']))",
        },
        {
            content: "Open the customer notification list",
            trigger: ".o_notebook .nav-link:contains('Customer Notification List')",
            run: "click",
        },
        {
            content: "The customer who received the lot is on it",
            trigger: ".o_field_widget[name='customer_ids'] .o_data_row:contains('Hospital UI')",
        },
    ],
});
