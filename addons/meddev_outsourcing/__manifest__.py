{
    "name": "Medical Device Outsourced Processing",
    "summary": "Subcontracting exceptions to verified closure, approved suppliers, supplier scorecards",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "author": "meddev",
    "website": "https://github.com/meddev-erp/meddev",
    "license": "LGPL-3",
    "depends": ["mrp_subcontracting", "purchase_stock", "meddev_mrp"],
    "demo": [
        "demo/meddev_outsourcing_demo.xml",
    ],
}
