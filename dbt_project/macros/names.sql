{#- Names and keys shared by every layer, so that a key computed in one model matches the same key in another. -#}

{#- A name with its spaces trimmed and runs of white space (no-break spaces included) folded into one. -#}
{% macro squish(expression) -%}
    trim(regexp_replace({{ expression }}, '[\s\x{00A0}]+', ' ', 'g'))
{%- endmacro %}

{#- The form a name is matched and keyed on: squished and lower-cased (Microsoft = microsoft; Korean is unchanged). -#}
{% macro fold_name(expression) -%}
    lower({{ squish(expression) }})
{%- endmacro %}

{#- Key of a canonical organization in dim_organizations. -#}
{% macro organization_key(canonical_name) -%}
    md5('organization:' || {{ fold_name(canonical_name) }})
{%- endmacro %}

{#- Key of a person in dim_people: one person per name, whatever their title or organization at the time. -#}
{% macro person_key(person_name) -%}
    md5('person:' || {{ fold_name(person_name) }})
{%- endmacro %}
