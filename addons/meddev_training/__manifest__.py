{
    "name": "Medical Device Training & Qualification",
    "summary": "Training matrix by job, sessions, certificates with expiry, qualification gating",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Employees",
    "author": "meddev",
    "website": "https://github.com/meddev-erp/meddev",
    "license": "LGPL-3",
    "depends": ["hr_skills", "survey", "meddev_quality"],
    "data": [
        "security/meddev_training_security.xml",
        "security/ir.model.access.csv",
        "data/meddev_training_data.xml",
        "views/meddev_training_course_views.xml",
        "views/meddev_training_qualification_views.xml",
        "views/meddev_training_session_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "report/meddev_training_matrix_report.xml",
        "report/meddev_onboarding_report.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "meddev_training/static/src/matrix/*",
        ],
        "web.assets_tests": [
            "meddev_training/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/meddev_training_demo.xml",
    ],
}
