import base64

from odoo import api, models

from ..tools import xlsx


class MeddevRegisterMixin(models.AbstractModel):
    """XLSX register of a quality record type (NC register, CAPA log)."""

    _name = "meddev.register.mixin"
    _description = "Exportable Quality Register"

    def _register_sheet_name(self):
        return self._description

    def _register_columns(self):
        """[(header, function(record) -> value)]"""
        raise NotImplementedError

    def _register_label(self, field_name):
        """A column getter giving the label of a selection field's value."""
        labels = dict(self._fields[field_name]._description_selection(self.env))
        return lambda record: labels.get(record[field_name], "")

    def _register_xlsx(self):
        columns = self._register_columns()
        rows = [[getter(record) for _header, getter in columns] for record in self]
        return xlsx.workbook_bytes(self._register_sheet_name(), [header for header, _getter in columns], rows)

    @api.model
    def export_register_xlsx(self, domain=None):
        """The register of the records matching ``domain`` (all by default), base64-encoded XLSX."""
        return base64.b64encode(self.search(domain or [])._register_xlsx()).decode()

    def action_export_register_xlsx(self):
        return {
            "type": "ir.actions.act_url",
            "url": "/meddev_quality/register/%s?ids=%s" % (self._name, ",".join(map(str, self.ids))),
            "target": "download",
        }
