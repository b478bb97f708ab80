import { registry } from "@web/core/registry";

function sign(password, stageLabel, nextStage) {
    return [
        {
            content: `Sign: ${stageLabel}`,
            trigger: `.o_form_view button[name=action_meddev_sign]:contains('${stageLabel}')`,
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=password] input",
            run: `edit ${password}`,
        },
        {
            trigger: ".modal button[name=action_sign]",
            run: "click",
        },
        {
            content: `The CAPA moves to ${nextStage}`,
            trigger: `.o_form_view .o_statusbar_status button.o_arrow_button_current:contains('${nextStage}')`,
        },
    ];
}

// A Quality Manager takes a nonconformance's CAPA from draft to closed,
// signing each stage in the signing dialog.
registry.category("web_tour.tours").add("meddev_quality_nc_to_capa", {
    steps: () => [
        {
            content: "The nonconformance links to its CAPA",
            trigger: ".o_form_view .oe_stat_button[name=action_view_capas]",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('Tour seal failure')",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_open]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Investigation')",
        },
        {
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Investigation')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=why_1] input",
            run: "edit Seal too narrow",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=why_2] input",
            run: "edit Sealer temperature drifted",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=fishbone_category] select",
            run: 'select "machine"',
        },
        {
            trigger: ".o_form_view .o_field_widget[name=root_cause] textarea",
            run: "edit No alarm on the sealer temperature",
        },
        ...sign("md_tour_qm-pw", "Sign Root Cause", "Action Plan"),
        {
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Action Plan')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=action_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=action_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Add temperature alarm limits",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=action_ids] .o_data_row .o_field_widget[name=user_id] input",
            run: "edit Tour Manager",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour Manager')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=action_ids] .o_data_row .o_field_widget[name=date_deadline] input",
            run: "edit 12/31/2030",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=effectiveness_criteria] textarea",
            run: "edit No seal failure in 10 lots",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=verification_due] input",
            run: "edit 06/30/2031",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=effectiveness_criteria] textarea",
            run: "click",
        },
        ...sign("md_tour_qm-pw", "Approve Action Plan", "Implementation"),
        {
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Action Plan')",
            run: "click",
        },
        {
            content: "The action owner marks it done",
            trigger: ".o_form_view .o_field_widget[name=action_ids] .o_data_row button[name=action_done]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=action_ids] .o_data_row td:contains('Done')",
        },
        ...sign("md_tour_qm-pw", "Sign Implementation", "Effectiveness Verification"),
        {
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Verification')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=verification_result] select",
            run: 'select "effective"',
        },
        {
            trigger: ".o_form_view .o_field_widget[name=verification_note] textarea",
            run: "edit 10 lots without seal failure",
        },
        ...sign("md_tour_qm-pw", "Sign Verification", "Closed"),
        {
            content: "Closed and signed four times",
            trigger: ".o_form_view .ribbon:contains('Closed')",
        },
    ],
});
