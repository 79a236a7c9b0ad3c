"""Playbook library (enablement): documents and their passages; upload, replace, delete, tag, re-index, preview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assistant.library.documents import SUPPORTED_SUFFIXES
from assistant.text.instructions import suspicious_lines
from assistant.text.markdown import escape_streamlit
from ui.common import readable_errors
from ui.enablement import library_actions as actions
from ui.enablement.shared import get_admin, show_flashes

st.title("Playbook library")
st.caption(
    "What the assistant reads when it suggests questions and cites playbooks. Markdown, text, "
    "Word (.docx) and PDF files; front matter (kind, stage, industries, products) drives the filters."
)
show_flashes(actions.PAGE)

admin = None
with readable_errors("Opening the playbook library"):
    admin = get_admin()
    documents = admin.documents()
    options = admin.filter_options()
if admin is None:
    st.stop()

st.subheader("Documents")
indexed = [doc for doc in documents if doc.indexed]
st.caption(
    f"{len(documents)} documents in {admin.folder}, {len(indexed)} indexed as "
    f"{sum(doc.chunks for doc in documents)} passages."
)
st.dataframe(pd.DataFrame(actions.document_rows(documents)), hide_index=True, key="library_documents")

st.subheader("Upload or replace")
st.file_uploader(
    "Playbook files",
    type=sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES),
    accept_multiple_files=True,
    key=actions.upload_key(),
    help="A file with the name of an existing playbook replaces it only if you tick Replace.",
)
st.checkbox("Replace files that already exist", key="library_replace")
st.button(
    "Add to the library", key="library_add", on_click=actions.upload_files, icon=":material/upload_file:"
)

st.subheader("Edit or delete a document")
sources = [doc.source for doc in documents if doc.name]
labels = {doc.source: f"{doc.name} — {doc.title}" for doc in documents}
chosen = st.selectbox(
    "Document",
    sources,
    format_func=lambda source: labels.get(source, source),
    key="library_document",
    on_change=actions.forget_front_matter_form,
    index=None,
    placeholder="Choose a document",
)
if chosen:
    with readable_errors("Reading the front matter"):
        actions.seed_front_matter_form(admin, chosen)
        with st.form("library_front_matter"):
            st.text_input(
                "Title", key=actions.FRONT_KEYS["title"], help="Empty: the first heading or file name."
            )
            kind_column, stage_column = st.columns(2)
            kind_column.text_input(
                "Kind", key=actions.FRONT_KEYS["kind"], help="e.g. discovery, industry, renewal"
            )
            stage_column.text_input(
                "Stage", key=actions.FRONT_KEYS["stage"], help="e.g. qualification, handoff"
            )
            st.multiselect(
                "Industries",
                actions.choices(options.industries, actions.FRONT_KEYS["industries"]),
                key=actions.FRONT_KEYS["industries"],
                accept_new_options=True,
                help="`all` for every industry.",
            )
            st.multiselect(
                "Products",
                actions.choices(options.products, actions.FRONT_KEYS["products"]),
                key=actions.FRONT_KEYS["products"],
                accept_new_options=True,
                help="`all` for every product line.",
            )
            st.form_submit_button(
                "Save front matter and re-index",
                key="library_front_save",
                on_click=actions.save_front_matter,
                args=(chosen,),
            )
    confirm = st.checkbox("Yes, delete this document and its passages", key="library_confirm_delete")
    st.button(
        "Delete",
        key="library_delete",
        disabled=not confirm,
        on_click=actions.delete_document,
        args=(chosen,),
        icon=":material/delete:",
    )

st.subheader("Re-index")
st.checkbox(
    "Rebuild the index from scratch",
    key="library_rebuild",
    help="Drops every passage first; use it after changing the embedding.",
)
if st.button("Re-index the folder", key="library_reindex", icon=":material/sync:"):
    bar = st.progress(0.0, text="Starting…")
    with readable_errors("Re-indexing the playbooks"):
        actions.reindex(admin, bar, rebuild=bool(st.session_state.get("library_rebuild")))
        st.rerun()

st.subheader("Retrieval preview")
st.caption("What the assistant would read for this query, best first, with similarity scores (0 to 1).")
st.text_input("Query", key="typed_library_query", placeholder="e.g. who approves the budget")
kind_column, industry_column, product_column, k_column = st.columns([2, 2, 2, 1])
kind = kind_column.selectbox("Kind", options.kinds, index=None, key="library_filter_kind", placeholder="Any")
industry = industry_column.selectbox(
    "Industry", options.industries, index=None, key="library_filter_industry", placeholder="Any"
)
product = product_column.selectbox(
    "Product", options.products, index=None, key="library_filter_product", placeholder="Any"
)
k = k_column.number_input("Passages", min_value=1, max_value=20, value=5, step=1, key="library_k")
query = st.session_state.get("typed_library_query", "")
if query.strip():
    with readable_errors("Searching the library"):
        hits = admin.preview(query, k=int(k), kind=kind, industry=industry, product=product)
        if not hits:
            st.info("No passage matches this query with these filters.", icon=":material/search_off:")
        else:
            st.dataframe(pd.DataFrame(actions.hit_rows(hits)), hide_index=True, key="library_hits")
            for rank, hit in enumerate(hits, start=1):
                title = str(hit.metadata.get("title", hit.source))
                with st.expander(
                    f"{rank}. {escape_streamlit(title)} — {escape_streamlit(hit.section or '(top)')}"
                    f" · {hit.score:.2f}"
                ):
                    st.caption(escape_streamlit(hit.source))
                    for line in suspicious_lines(hit.text):
                        st.warning(
                            f"Reads as an instruction to the assistant or a request for credentials: "
                            f"{escape_streamlit(line)}",
                            icon=":material/gpp_maybe:",
                        )
                    st.text(hit.text)
