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
    Zoe Zoë Aoife Siobhan Niamh Sinead Sinéad Mairead Ciara Orla Leila Layla Yasmin Mei Yuki
    Anjali Sunita Deepa Pooja Neha Lakshmi Nadia Natasha Olga Svetlana Tatiana Irina Anastasia
    Katarzyna Agnieszka Magdalena Marta Lucia Lucía Carla Paola Francesca Giulia Chiara Sofia
    Sofía Isabelle Camille Sylvie Nathalie Brigitte Ursula Greta Heidi Astrid Jenny Jill Gina
    Tina Lorna Moira Shirley Gloria Beth Becky Holly Katie Ellie Hayley Kayla Brittany Courtney
    Tiffany Jasmine Leah Naomi Esther Ines Inés Hillary Kamala Ayesha Amina Zainab Ngozi Chioma
    Maryam Ewa Lena Lina Elif Mónica Beatriz Lourdes Guadalupe""".split()
)
_HE = frozenset(
    """Aaron Adam Ahmed Alan Albert Alexander Andrew Anthony Arthur Benjamin Bernard Bill Bob Brian
    Bruce Carl Charles Christopher Daniel David Dennis Donald Douglas Edward Eric Ernest Eugene
    Frank Fred Gary George Gerald Gregory Harold Harry Henry Howard Ian Jack James Jason Jeffrey
    Jeremy Jerry Joe John Jonathan Joseph Joshua Juan Keith Kenneth Kevin Larry Lawrence Louis
    Marcus Mark Martin Matthew Michael Mohammed Muhammad Nathan Nicholas Paul Peter Philip Ralph
    Raymond Richard Robert Roger Ronald Roy Russell Samuel Scott Sean Stephen Steve Steven Thomas
    Timothy Tom Walter Wayne William Ben Carlos Jose José Luis Miguel Pedro Diego Ali Omar Hassan
    Ibrahim Yusuf Rahul Arjun Vikram Sanjay Ravi Amit Hiroshi Kenji Ivan Sergei Sergey Dmitri
    Dmitry Vladimir Pierre Jacques François Hans Klaus Stefan Lars Sven Giovanni Marco Luca Paolo
    Antonio Francesco Patrick Liam Connor Declan Dylan Tyler Kyle Ryan Justin Brandon Travis Derek
    Greg Craig Neil Graham Gordon Colin Nigel Simon Stuart Barry Terry Dave Mike Jim Tim Rob Matt
    Nick Ethan Noah Mason Logan Lucas Oliver Jake Luke Owen Aidan Kwame Kofi Emeka Tunde Jorge
    Javier Alejandro Fernando Ricardo Eduardo Roberto Manuel Rafael Andrés Andrei Mikhail Alexei
    Yuri Boris Piotr Tomasz Mehmet Mustafa Ahmet Rishi Narendra Emmanuel Olaf Keir""".split()
)


def pronoun_for(given_name: str) -> str:
    """“he”, “she”, or "" when the given name does not tell."""
    if given_name in _SHE:
        return "she"
    if given_name in _HE:
        return "he"
    return ""
