{
    "name": "Medical Device Training & Qualification",
    "summary": "Training matrix by job, sessions, certificates with expiry, qualification gating",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Employees",
    "author": "meddev",
    "website": "https://github.com/meddev-erp/meddev",
    "license": "LGPL-3",
    "depends": ["hr_skills", "survey", "meddev_quality"],
    "demo": [
        "demo/meddev_training_demo.xml",
    ],
}
