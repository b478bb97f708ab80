{
    "name": "Medical Device Quality & Compliance",
    "summary": "Electronic signatures, tamper-evident audit trail and quality roles for medical-device makers "
               "(21 CFR Part 11, ISO 13485, NMPA)",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Quality",
    "author": "meddev",
    "website": "https://github.com/meddev-erp/meddev",
    "license": "LGPL-3",
    "depends": ["stock", "mail"],
    "data": [
        "security/meddev_security.xml",
        "security/ir.model.access.csv",
        "data/meddev_signature_meaning_data.xml",
        "data/meddev_quality_data.xml",
        "views/meddev_inspection_plan_views.xml",
        "views/meddev_inspection_views.xml",
        "views/meddev_nonconformance_views.xml",
        "views/meddev_capa_views.xml",
        "views/meddev_document_views.xml",
        "views/meddev_change_request_views.xml",
        "views/meddev_audit_entry_views.xml",
        "views/meddev_audit_rule_views.xml",
        "views/meddev_signature_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "views/meddev_menus.xml",
        "report/meddev_signature_templates.xml",
        "report/meddev_quality_reports.xml",
    ],
    "demo": [
        "demo/meddev_quality_demo.xml",
        "demo/meddev_quality_documents_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "meddev_quality/static/src/overview/*",
        ],
        "web.assets_tests": [
            "meddev_quality/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
