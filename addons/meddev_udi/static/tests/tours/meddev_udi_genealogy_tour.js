import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("meddev_udi_genealogy", {
    steps: () => [
        {
            content: "Open the genealogy from the lot form",
            trigger: ".o_form_view button:contains('Genealogy')",
            run: "click",
        },
        {
            content: "The forward tree shows the lot",
            trigger: ".o_meddev_genealogy_tree .o_meddev_genealogy_node[data-lot='GEN-UI']",
        },
        {
            content: "Show the lot's operations",
            trigger: ".o_meddev_genealogy_node[data-lot='GEN-UI'] button:contains('operations')",
            run: "click",
        },
        {
            content: "Its delivery is listed with the customer",
            trigger: ".o_meddev_genealogy_node tr:contains('Hospital UI') .o_meddev_genealogy_picking",
        },
        {
            content: "Switch to the backward tree",
            trigger: ".o_meddev_genealogy_backward",
            run: "click",
        },
        {
            content: "The backward tree shows the lot too",
            trigger: ".o_meddev_genealogy_backward.btn-primary",
        },
        {
            trigger: ".o_meddev_genealogy_node[data-lot='GEN-UI']",
        },
        {
            content: "Back to the forward tree and open the receipt",
            trigger: ".o_meddev_genealogy_forward",
            run: "click",
        },
        {
            trigger: ".o_meddev_genealogy_node[data-lot='GEN-UI'] button:contains('operations')",
            run: "click",
        },
        {
            trigger: ".o_meddev_genealogy_node tr:contains('Received') .o_meddev_genealogy_picking",
            run: "click",
        },
        {
            content: "The receipt's form opens",
            trigger: ".o_form_view .o_field_widget[name='move_ids_without_package']",
        },
    ],
});
