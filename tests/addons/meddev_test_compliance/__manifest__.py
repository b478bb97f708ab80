{
    "name": "meddev: compliance core test documents",
    "summary": "A signable, audited document type that exercises meddev_quality's compliance core in tests",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "meddev",
    "website": "https://github.com/meddev-erp/meddev",
    "license": "LGPL-3",
    "assets": {
        "web.assets_tests": [
            "meddev_test_compliance/static/tests/tours/*.js",
        ],
    },
    "depends": ["meddev_quality"],
    "data": [
        "security/ir.model.access.csv",
        "data/meddev_test_document_data.xml",
        "views/meddev_test_document_views.xml",
    ],
}
