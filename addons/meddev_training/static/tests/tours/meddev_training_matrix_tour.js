import { registry } from "@web/core/registry";

// A Training Coordinator reads the matrix and narrows it to a department.
registry.category("web_tour.tours").add("meddev_training_matrix", {
    steps: () => [
        {
            content: "The coverage rate is shown",
            trigger: ".o_meddev_training_kpis .o_meddev_kpi_coverage:contains('%')",
        },
        {
            content: "The trained employee is qualified",
            trigger: ".o_meddev_matrix_grid tr:contains('Tour Trained') td.table-success:contains('Qualified')",
        },
        {
            content: "The new hire is due",
            trigger: ".o_meddev_matrix_grid tr:contains('Tour New Hire') td.table-warning:contains('Due')",
        },
        {
            content: "Filter on the other department",
            trigger: ".o_meddev_matrix_department",
            run: "selectByLabel Tour Other Department",
        },
        {
            content: "Only that department's employee is left",
            trigger: ".o_meddev_matrix_grid tbody:not(:contains('Tour Trained')) tr:contains('Tour Outsider')",
        },
    ],
});
