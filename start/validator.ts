import vine, { SimpleMessagesProvider } from '@vinejs/vine'

/** French messages for every validator; fields keep their French labels. */
vine.messagesProvider = new SimpleMessagesProvider(
  {
    'required': 'Le champ {{ field }} est obligatoire.',
    'string': 'Le champ {{ field }} doit être un texte.',
    'email': 'Saisissez une adresse e-mail valide.',
    'minLength': 'Le champ {{ field }} doit contenir au moins {{ min }} caractères.',
    'maxLength': 'Le champ {{ field }} doit contenir au plus {{ max }} caractères.',
    'array.minLength': 'Choisissez au moins {{ min }} élément(s) pour {{ field }}.',
    'enum': 'La valeur choisie pour {{ field }} est invalide.',
    'number': 'Le champ {{ field }} doit être un nombre.',
    'min': 'Le champ {{ field }} doit être au moins {{ min }}.',
    'max': 'Le champ {{ field }} doit être au plus {{ max }}.',
    'date': 'Le champ {{ field }} doit être une date valide.',
    'date.equals': 'Le champ {{ field }} doit être une date au format attendu.',
    'confirmed': 'La confirmation ne correspond pas.',
    'distinct': 'Le champ {{ field }} contient des doublons.',
    'database.unique': 'Cette valeur est déjà utilisée.',
  },
  {
    email: 'adresse e-mail',
    password: 'mot de passe',
    currentPassword: 'mot de passe actuel',
    fullName: 'nom complet',
    roles: 'rôles',
  }
)
