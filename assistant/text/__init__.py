"""Text as it arrives: decoding and limits, files, the one Markdown escaper, the one fold."""
