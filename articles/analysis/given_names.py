"""Given names that tell whether a story will call someone “he” or “she”.

Only names that are overwhelmingly used for one sex, so that a pronoun is never kept from the
person it means; a name not listed tells nothing, and the story's own “Mr.” or “Ms.” always
comes first.
"""

_SHE = frozenset(
    """Abigail Ada Agnes Aisha Alice Alicia Alison Allison Alyssa Amanda Amelia Amy Ana Andrea
    Angela Ann Anna Anne Annie Audrey Barbara Beatrice Betty Beverly Brenda Bridget Carmen Carol
    Caroline Catherine Charlotte Chloe Christina Christine Claire Clara Deborah Denise Diana Diane
    Donna Doris Dorothy Eileen Elaine Eleanor Elena Elizabeth Ellen Emily Emma Erin Eva Evelyn
    Fatima Fiona Frances Gabriela Grace Hannah Heather Helen Ingrid Irene Isabel Isabella Jane
    Janet Janice Jennifer Jessica Joan Joanna Josephine Joyce Judith Judy Julia Julie Karen Kate
    Katherine Kathleen Kathryn Kelly Laura Lauren Linda Lisa Lucy Lydia Margaret Maria Marie
    Marilyn Martha Mary Megan Melissa Michelle Miriam Molly Monica Nancy Natalie Nicole Nora Olivia
    Pamela Patricia Paula Priya Rachel Rebecca Rita Rose Ruth Samantha Sandra Sara Sarah Sharon
    Sophia Sophie Stephanie Susan Teresa Theresa Valerie Vanessa Victoria Virginia Wendy Yvonne
    Zoe Zoë""".split()
)
_HE = frozenset(
    """Aaron Adam Ahmed Alan Albert Alexander Andrew Anthony Arthur Benjamin Bernard Bill Bob Brian
    Bruce Carl Charles Christopher Daniel David Dennis Donald Douglas Edward Eric Ernest Eugene
    Frank Fred Gary George Gerald Gregory Harold Harry Henry Howard Ian Jack James Jason Jeffrey
    Jeremy Jerry Joe John Jonathan Joseph Joshua Juan Keith Kenneth Kevin Larry Lawrence Louis
    Marcus Mark Martin Matthew Michael Mohammed Muhammad Nathan Nicholas Paul Peter Philip Ralph
    Raymond Richard Robert Roger Ronald Roy Russell Samuel Scott Sean Stephen Steve Steven Thomas
    Timothy Tom Walter Wayne William""".split()
)


def pronoun_for(given_name: str) -> str:
    """“he”, “she”, or "" when the given name does not tell."""
    if given_name in _SHE:
        return "she"
    if given_name in _HE:
        return "he"
    return ""
