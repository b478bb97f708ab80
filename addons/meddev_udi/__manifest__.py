{
    "name": "Medical Device UDI & Traceability",
    "summary": "UDI-DI/UDI-PI, GS1 and HIBCC scanning and labels, lot numbering, genealogy, recalls",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "author": "meddev",
    "website": "https://github.com/meddev-erp/meddev",
    "license": "LGPL-3",
    "depends": ["stock", "product_expiry", "barcodes_gs1_nomenclature", "meddev_quality"],
    "demo": [
        "demo/meddev_udi_demo.xml",
        "demo/meddev_udi_quality_demo.xml",
    ],
}
