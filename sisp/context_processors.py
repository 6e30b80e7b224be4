def sisp(request):
    """The signed-in user's office, for the page header."""
    user = getattr(request, "user", None)
    office = getattr(user, "office", None) if user and user.is_authenticated else None
    return {"current_office": office}
