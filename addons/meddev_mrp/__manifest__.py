{
    "name": "Medical Device Manufacturing",
    "summary": "Work instructions, operation order, operator gating, device history record, batch release",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "author": "meddev",
    "website": "https://github.com/meddev-erp/meddev",
    "license": "LGPL-3",
    "depends": ["mrp", "maintenance", "meddev_udi", "meddev_training"],
    "data": [
        "views/meddev_inspection_views.xml",
        "views/mrp_production_views.xml",
    ],
    "demo": [
        "demo/meddev_mrp_demo.xml",
    ],
}
