"""What auditors use at the edges: times they type, export files, readable answers."""
