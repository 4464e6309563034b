-- Referrals publishes one query to resourcing, which may not import referrals (referrals
-- depends on resourcing): which of its records still use a cooperation area, for one party
-- (org) or for any (org NULL). Resourcing refuses to remove an area or a party while the
-- answer is not empty. Existence only: no client data leaves referrals' schema.
CREATE OR REPLACE FUNCTION platform.referrals_area_usage(area uuid, org text)
RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT array_remove(ARRAY[
    CASE WHEN EXISTS (
      SELECT 1 FROM referrals.referrals r
       WHERE r.cooperation_area_id = area
         AND (org IS NULL OR org IN (r.employment_authority_code, r.referring_organisation_code))
    ) THEN 'referral' END,
    CASE WHEN EXISTS (
      SELECT 1 FROM referrals.cases c
       WHERE c.cooperation_area_id = area
         AND (org IS NULL OR c.employment_authority_code = org OR org = ANY (c.party_organisation_codes))
    ) THEN 'case' END
  ], NULL)
$$;
