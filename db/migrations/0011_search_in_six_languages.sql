-- Search in the six UN languages. Every search document and every query goes through hub_search_text:
-- accents off (Latin scripts), Cyrillic capitals lowered whatever the database's locale, Arabic normalised
-- (no diacritics or tatweel; one alef; hamza carriers folded; alef maqsura as ya, ta marbuta as ha), and
-- Chinese (which has no spaces between words) written as overlapping pairs of characters, so that any run of
-- two or more characters is found. Both are IMMUTABLE so generated columns and indexes can use them.
CREATE OR REPLACE FUNCTION hub_cjk_bigrams(run text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT CASE WHEN length(run) < 2 THEN run
      ELSE (SELECT string_agg(substr(run, i, 2), ' ' ORDER BY i) FROM generate_series(1, length(run) - 1) AS i) END
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hub_search_text(text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
  DECLARE
    s text := public.unaccent('public.unaccent'::regdictionary, $1);
    result text := '';
    part text[];
  BEGIN
    s := translate(s, 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁЇІЄҐё', 'абвгдежзийклмнопрстуфхцчшщъыьэюяеіієґе');
    s := regexp_replace(s, '[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]', '', 'g');
    s := translate(s, 'أإآٱؤئىة', 'ااااوييه');
    IF s !~ '[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]' THEN
      RETURN s;
    END IF;
    FOR part IN SELECT regexp_matches(s, '([\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+)|([^\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+)', 'g') LOOP
      result := result || ' ' || coalesce(hub_cjk_bigrams(part[1]), part[2]);
    END LOOP;
    RETURN result;
  END
  $$;
