from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    meddev_keep_qualification_until_deadline = fields.Boolean(
        string="Old Qualification Valid Until Retraining Deadline", default=True,
        help="When a new revision of a controlled document becomes effective, employees qualified on the "
             "previous revision may keep working until their retraining deadline. Unchecked, their "
             "qualification lapses at once.")
