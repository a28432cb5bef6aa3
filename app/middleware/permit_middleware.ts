import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import PermissionPolicy from '#policies/core/permission_policy'
import type { Permission } from '#policies/role_matrix'

