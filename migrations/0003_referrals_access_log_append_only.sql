-- The access log of client data (906/2019 §17; 381/2023 §12) is append-only: rows are
-- inserted, never changed or removed. Enforced in the database so that no code path, bug or
-- ad-hoc session can rewrite who saw what. Retention (removing rows past their period) is a
-- separate, deliberate operation by the database owner that disables this trigger explicitly.
CREATE FUNCTION "referrals"."access_log_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'referrals.access_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "access_log_no_update_delete"
  BEFORE UPDATE OR DELETE ON "referrals"."access_log"
  FOR EACH ROW EXECUTE FUNCTION "referrals"."access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_no_truncate"
  BEFORE TRUNCATE ON "referrals"."access_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "referrals"."access_log_refuse_change"();
