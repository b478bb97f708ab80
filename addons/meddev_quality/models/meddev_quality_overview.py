from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

AGE_BUCKETS = ((0, 30), (31, 60), (61, 90), (91, None))


class MeddevQualityOverview(models.AbstractModel):
    """Figures of the Quality overview, each one grouped query under the user's record rules."""

    _name = "meddev.quality.overview"
    _description = "Quality Overview"

    @api.model
    def get_figures(self, months=12):
        return {
            "open_nc_by_severity": self._open_nc_by_severity(),
            "capa_aging": self._capa_aging(),
            "first_pass_yield": self._first_pass_yield(months),
            "nc_per_month": self._nc_per_month(months),
            "capa_cycle_time": self._capa_cycle_time(months),
        }

    def _since(self, months):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=months - 1)

    @api.model
    def _open_nc_by_severity(self):
        NC = self.env["meddev.nonconformance"]
        counts = dict(NC._read_group([("state", "in", ("draft", "quarantined"))], ["severity"], ["__count"]))
        labels = dict(NC._fields["severity"]._description_selection(self.env))
        return [{"severity": key, "label": labels[key], "count": counts.get(key, 0)} for key in labels]

    @api.model
    def _capa_aging(self):
        now = fields.Datetime.now()
        result = []
        Capa = self.env["meddev.capa"]
        for low, high in AGE_BUCKETS:
            domain = [("state", "not in", ("closed", "cancel")), ("date_opened", "<=", now - relativedelta(days=low))]
            if high is not None:
                domain.append(("date_opened", ">", now - relativedelta(days=high + 1)))
            # False, not None: the figures travel over XML-RPC.
            result.append({"from": low, "to": high if high is not None else False, "count": Capa.search_count(domain),
                           "label": self.env._("%(low)s-%(high)s days", low=low, high=high) if high is not None
                           else self.env._("over %(low)s days", low=low - 1)})
        return result

    @api.model
    def _first_pass_yield(self, months, limit=20):
        """Share of inspections passed, per product, over the last ``months`` (worst first)."""
        groups = self.env["meddev.inspection"]._read_group(
            [("state", "in", ("passed", "failed")), ("date_done", ">=", self._since(months))],
            ["product_id", "state"], ["__count"])
        totals = {}
        for product, state, count in groups:
            passed, total = totals.get(product, (0, 0))
            totals[product] = (passed + (count if state == "passed" else 0), total + count)
        rows = [{"product_id": product.id, "product": product.display_name, "passed": passed, "total": total,
                 "yield": round(100.0 * passed / total, 1)} for product, (passed, total) in totals.items()]
        rows.sort(key=lambda row: (row["yield"], -row["total"]))
        return rows[:limit]

    @api.model
    def _nc_per_month(self, months):
        since = self._since(months)
        counts = {month.strftime("%Y-%m"): count for month, count in self.env["meddev.nonconformance"]._read_group(
            [("date", ">=", since)], ["date:month"], ["__count"])}
        result = []
        for index in range(months):
            month = (since + relativedelta(months=index)).strftime("%Y-%m")
            result.append({"month": month, "count": counts.get(month, 0)})
        return result

    @api.model
    def _capa_cycle_time(self, months):
        [(count, average, maximum)] = self.env["meddev.capa"]._read_group(
            [("state", "=", "closed"), ("date_closed", ">=", fields.Datetime.to_datetime(self._since(months)))],
            [], ["__count", "cycle_days:avg", "cycle_days:max"])
        return {"closed": count, "average_days": round(average or 0.0, 1), "max_days": round(maximum or 0.0, 1)}
