from . import meddev_audit_verify, meddev_signature_wizard
