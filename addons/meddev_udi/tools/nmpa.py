"""NMPA UDI database bulk-submission workbook (pure: rows in, XLSX bytes out).

Column names and codes follow the NMPA UDI database's product-identifier
template (医疗器械唯一标识数据库 产品标识信息); they are the regulator's
field names, so they stay in Chinese whatever the user's language.
"""
import datetime
import io

import xlsxwriter

DEVICE_COLUMNS = [
    ("ZXXSDYCPBS", "最小销售单元产品标识"),
    ("CPBSBMTXMC", "产品标识编码体系名称"),
    ("ZXXSDYZSYDYDSL", "最小销售单元中使用单元的数量"),
    ("SYDYCPBS", "使用单元产品标识"),
    ("SFYBTZJBS", "是否有本体直接标识"),
    ("BTCPBSYZXXSDYCPBSSFYZ", "本体产品标识与最小销售单元产品标识是否一致"),
    ("BTCPBS", "本体产品标识"),
    ("CPMCTYMC", "产品名称/通用名称"),
    ("SPMC", "商品名称"),
    ("GGXH", "规格型号"),
    ("SFWBLZTLCP", "是否为包类/组套类产品"),
    ("CPMS", "产品描述"),
    ("CPHHHBH", "产品货号或编号"),
    ("QXLB", "器械类别"),
    ("FLBM", "分类编码"),
    ("GLLB", "管理类别"),
    ("YLQXZCRBARMC", "医疗器械注册人/备案人名称"),
    ("YLQXZCRBARYWMC", "医疗器械注册人/备案人英文名称"),
    ("TYSHXYDM", "统一社会信用代码"),
    ("ZCZBHHZBAPZBH", "注册证编号或者备案凭证编号"),
    ("CGZMRAQXGXX", "磁共振（MR）安全相关信息"),
    ("SFBJWYCXSY", "是否标记为一次性使用"),
    ("ZDCFSYCS", "最大重复使用次数"),
    ("SFWWJBZ", "是否为无菌包装"),
    ("SYQSFXYJXMJ", "使用前是否需要进行灭菌"),
    ("MJFS", "灭菌方式"),
    ("YBBM", "医保耗材分类编码"),
    ("SCBSSFBHPH", "生产标识是否包含批号"),
    ("SCBSSFBHXLH", "生产标识是否包含序列号"),
    ("SCBSSFBHSCRQ", "生产标识是否包含生产日期"),
    ("SCBSSFBHSXRQ", "生产标识是否包含失效日期"),
    ("TSCCHCZTJ", "特殊储存或操作条件"),
    ("CPBSFBRQ", "产品标识发布日期"),
    ("TSRQ", "退市日期"),
    ("QYLXRXM", "企业联系人姓名"),
    ("QYLXRDH", "企业联系人电话"),
    ("QYLXRYX", "企业联系人邮箱"),
]
PACKAGE_COLUMNS = [
    ("ZXXSDYCPBS", "最小销售单元产品标识"),
    ("BZCPBS", "包装产品标识"),
    ("BZNHXYJBZCPBS", "包装内含小一级包装产品标识"),
    ("BZNHXYJCPBSSL", "包装内含小一级产品标识数量"),
    ("CPBZJB", "产品包装级别"),
]
CODING_SYSTEMS = {"gs1": "GS1", "ma": "MA", "hibcc": "HIBCC", "iccbba": "ICCBBA"}
MRI = {"safe": "安全", "conditional": "条件安全", "unsafe": "不安全", "no_info": "说明书或标签上面不包括MR安全信息"}
CLASSES = {"1": "I", "2": "II", "2a": "II", "2b": "II", "3": "III"}
KINDS = {"device": "器械", "ivd": "体外诊断试剂"}


def yes_no(value):
    return "是" if value else "否"


def device_row(device):
    """One device row from a dict keyed by our field names (see ProductTemplate._meddev_nmpa_values)."""
    return {
        "ZXXSDYCPBS": device["di"],
        "CPBSBMTXMC": CODING_SYSTEMS.get(device["agency"], device["agency"] or ""),
        "ZXXSDYZSYDYDSL": device.get("units_per_sale_unit") or 1,
        "SYDYCPBS": device.get("use_unit_di") or "",
        "SFYBTZJBS": yes_no(device.get("direct_marking")),
        "BTCPBSYZXXSDYCPBSSFYZ": yes_no(device.get("direct_marking") and
                                         device.get("direct_marking_di") in (None, "", device["di"])),
        "BTCPBS": device.get("direct_marking_di") or "",
        "CPMCTYMC": device.get("generic_name") or device["name"],
        "SPMC": device.get("brand_name") or "",
        "GGXH": device.get("model") or "",
        "SFWBLZTLCP": yes_no(device.get("kit")),
        "CPMS": device.get("description") or "",
        "CPHHHBH": device.get("catalog_number") or "",
        "QXLB": KINDS.get(device.get("kind"), ""),
        "FLBM": device.get("classification_code") or "",
        "GLLB": CLASSES.get(device.get("device_class"), ""),
        "YLQXZCRBARMC": device.get("registrant") or "",
        "YLQXZCRBARYWMC": device.get("registrant_en") or "",
        "TYSHXYDM": device.get("credit_code") or "",
        "ZCZBHHZBAPZBH": device.get("registration_number") or "",
        "CGZMRAQXGXX": MRI.get(device.get("mri_safety"), ""),
        "SFBJWYCXSY": yes_no(device.get("single_use")),
        "ZDCFSYCS": "" if device.get("single_use") else (device.get("max_reuses") or ""),
        "SFWWJBZ": yes_no(device.get("sterile")),
        "SYQSFXYJXMJ": yes_no(device.get("sterilize_before_use")),
        "MJFS": device.get("sterilization_method") or "",
        "YBBM": device.get("insurance_code") or "",
        "SCBSSFBHPH": yes_no(device.get("pi_lot")),
        "SCBSSFBHXLH": yes_no(device.get("pi_serial")),
        "SCBSSFBHSCRQ": yes_no(device.get("pi_production_date")),
        "SCBSSFBHSXRQ": yes_no(device.get("pi_expiry_date")),
        "TSCCHCZTJ": device.get("storage") or "",
        "CPBSFBRQ": device.get("publish_date"),
        "TSRQ": device.get("discontinue_date"),
        "QYLXRXM": device.get("contact_name") or "",
        "QYLXRDH": device.get("contact_phone") or "",
        "QYLXRYX": device.get("contact_email") or "",
    }


def package_rows(di, packages):
    """Rows of the packaging sheet: each level contains the next lower one (level 1 contains the unit).

    ``packages``: [(package DI, quantity of base units)], any order.
    """
    rows, lower_di, lower_qty = [], di, 1
    for level, (package_di, qty) in enumerate(sorted(packages, key=lambda p: p[1]), start=1):
        contained = qty / lower_qty
        rows.append({
            "ZXXSDYCPBS": di,
            "BZCPBS": package_di,
            "BZNHXYJBZCPBS": lower_di,
            "BZNHXYJCPBSSL": int(contained) if float(contained).is_integer() else contained,
            "CPBZJB": "%d级包装" % level,
        })
        lower_di, lower_qty = package_di, qty
    return rows


def workbook(devices):
    """XLSX bytes: a device sheet and a packaging sheet; ``devices`` as for device_row, each with
    'packages': [(DI, quantity)]."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheets = [
        ("产品标识信息", DEVICE_COLUMNS, [device_row(device) for device in devices]),
        ("包装标识信息", PACKAGE_COLUMNS,
         [row for device in devices for row in package_rows(device["di"], device.get("packages") or [])]),
    ]
    for name, columns, rows in sheets:
        sheet = book.add_worksheet(name)
        for col, (code, label) in enumerate(columns):
            sheet.write(0, col, label, header)
            sheet.write(1, col, code, header)
            sheet.set_column(col, col, max(12, min(len(label) * 2, 30)))
        for row_index, row in enumerate(rows, start=2):
            for col, (code, _label) in enumerate(columns):
                value = row.get(code)
                if isinstance(value, datetime.date):
                    sheet.write_datetime(row_index, col, datetime.datetime.combine(value, datetime.time()),
                                         date_format)
                elif value in (None, False, ""):
                    sheet.write_blank(row_index, col, None)
                else:
                    sheet.write(row_index, col, value)
        sheet.freeze_panes(2, 1)
    book.close()
    return buffer.getvalue()
