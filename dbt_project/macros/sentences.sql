{#-
  Bounds of the sentence around a span of an article body, for facts the extractor gives no sentence for
  (organization mentions). A sentence ends at a line break, or at . ! ? (with any closing quote or bracket)
  followed by white space; offsets are 0-based, the end exclusive, like every offset in the warehouse.
  Abbreviations (Corp., U.S.) end a sentence here: the bounds are a reading aid, not a parse.
-#}
{% macro sentence_start(body, start_offset) -%}
    length(regexp_extract(left({{ body }}, {{ start_offset }}), '^(?s:.*)(\n|[.!?]["”’'')\]]*\s+)', 0))
{%- endmacro %}

{% macro sentence_end(body, end_offset) -%}
    {{ end_offset }} + length(coalesce(
        nullif(regexp_extract(substr({{ body }}, {{ end_offset }} + 1), '^([^\n]*?[.!?]["”’'')\]]*)(\s|$)', 1), ''),
        rtrim(regexp_extract(substr({{ body }}, {{ end_offset }} + 1), '^[^\n]*', 0))
    ))
{%- endmacro %}
