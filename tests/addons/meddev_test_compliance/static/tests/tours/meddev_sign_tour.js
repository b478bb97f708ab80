import { registry } from "@web/core/registry";

// An operator signs a document in the signing dialog, with their password.
registry.category("web_tour.tours").add("meddev_sign_document", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Not Signed')",
        },
        {
            trigger: ".o_form_view button[name=action_meddev_sign]",
            run: "click",
        },
        {
            content: "The dialog says what the signature means",
            trigger: ".modal .o_field_widget[name=meaning_id]:contains('Authored')",
        },
        {
            trigger: ".modal .o_field_widget[name=password] input",
            run: "edit not-my-password",
        },
        {
            trigger: ".modal button[name=action_sign]",
            run: "click",
        },
        {
            content: "A wrong password is refused",
            trigger: ".modal:contains('Wrong password')",
        },
        {
            trigger: ".modal:contains('Wrong password') .modal-footer button",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=password] input",
            run: "edit md_operator-pw",
        },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Assembled per WI-12 rev C",
        },
        {
            trigger: ".modal button[name=action_sign]",
            run: "click",
        },
        {
            content: "The record is now being signed and shows the signature",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Signing in Progress')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=signature_ids] .o_data_row td:contains('Authored')",
        },
    ],
});
